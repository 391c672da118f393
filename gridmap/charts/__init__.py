"""The "three charts" (三张图) of a compound: what each shows, privacy applied,
on paper of any A size. Qt-free; ui/printing paints them."""
