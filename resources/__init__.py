"""Icons, style sheets, translations and print templates (installed as ``gridmap_resources``)."""
