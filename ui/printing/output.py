"""Sheets onto paper: a vector PDF (QPdfWriter, fonts embedded), PNG images at a
chosen dpi, or a printer (QPrinter, also behind the print preview). Every
device gets the same painting: the A3 layout scaled to the paper and device."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QRawFont

from gridmap.cancel import Cancelled
from gridmap.charts.paper import UNITS_PER_INCH, Paper
from gridmap.outputs import incomplete, pdf_is_complete, png_is_complete, written_in_place_of
from layers.render.qt import color, font
from ui.printing.charts import Sheet
from ui.printing.sheet import draw_sheet_frame

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3, "A2": QPageSize.PageSizeId.A2,
              "A1": QPageSize.PageSizeId.A1, "A0": QPageSize.PageSizeId.A0}
INCHES_PER_METRE = 39.37007874


def page_layout(paper: Paper) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if paper.landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(PAGE_SIZES[paper.size]), orientation, QMarginsF(0, 0, 0, 0))


def paint_sheet(painter: QPainter, sheet: Sheet, paper: Paper, number: int, count: int) -> None:
    """One sheet, the painter already scaled to layout units."""
    w, h = paper.layout_units
    page = QRectF(0, 0, w, h)
    painter.fillRect(page, color("#ffffff"))
    body = draw_sheet_frame(painter, page, sheet.text, number, count)
    sheet.paint(painter, body)


def paint_charts(painter: QPainter, charts: list[list[Sheet]], paper: Paper, new_page: Callable[[], None],
                 cancelled: Callable[[], bool] = lambda: False) -> int:
    """Every sheet of every chart, pages numbered within their chart; returns the page count."""
    pages = 0
    for sheets in charts:
        for number, sheet in enumerate(sheets, 1):
            if cancelled():
                raise Cancelled()
            if pages:
                new_page()
            paint_sheet(painter, sheet, paper, number, len(sheets))
            pages += 1
    return pages


def write_pdf(path: Path, charts: list[list[Sheet]], paper: Paper, title: str, creator: str,
              cancelled: Callable[[], bool] = lambda: False) -> int:
    """A vector PDF of the sheets; returns the page count.

    Written to a temporary file beside ``path`` and renamed into place only
    when the PDF is whole (Qt reports no failed write, so its trailer is
    checked): a failed or cancelled run leaves the earlier file, no
    half-written one. Raises :class:`~gridmap.outputs.OutputError` when the
    file cannot be written (a project, read-only, disk full...)."""
    with written_in_place_of(path, complete=pdf_is_complete) as temp:
        writer = QPdfWriter(str(temp))
        # 96 dots per inch: a device unit is the renderers' pixel, so widths and
        # fonts mean what they mean on screen; coordinates stay exact (PDF is vector).
        writer.setResolution(int(UNITS_PER_INCH))
        writer.setPageLayout(page_layout(paper))
        writer.setTitle(title)
        writer.setCreator(creator)
        painter = QPainter(writer)
        if not painter.isActive():
            raise incomplete(path)
        try:
            painter.scale(paper.scale, paper.scale)
            pages = paint_charts(painter, charts, paper, writer.newPage, cancelled)
        finally:
            painter.end()
            del writer  # closes the file before it is checked and renamed
        _fix_text_mapping(temp)
    return pages


_RADICAL = re.compile(rb"<(2E[89A-F][0-9A-F]|2F[0-9A-F]{2})>")  # U+2E80–U+2FFF: CJK and Kangxi radicals


@cache
def _ideograph_of_radical() -> dict[int, int]:
    """Radical → the ideograph the CJK font draws with the same glyph (⽹ → 网, ⻛ → 风)."""
    raw = QRawFont.fromFont(font(10.0))
    ideographs = "".join(map(chr, range(0x4E00, 0xA000)))
    first: dict[int, int] = {}
    for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs)):
        if glyph:
            first.setdefault(glyph, ord(char))
    radicals = "".join(map(chr, range(0x2E80, 0x3000)))
    return {ord(r): first[g] for r, g in zip(radicals, raw.glyphIndexesForString(radicals)) if g in first}


def _fix_text_mapping(path: Path) -> None:
    """Make the PDF's text read as the characters drawn.

    Qt maps each glyph back to the lowest code point that uses it, and Noto
    Sans CJK draws the radical ⽹ (U+2F79) with the glyph of 网 (U+7F51):
    copied or searched text would hold radicals. Each radical in the ToUnicode
    maps becomes the ideograph of its glyph, four hex digits for four, so no
    byte offset in the file moves."""
    data = path.read_bytes()
    table = _ideograph_of_radical()

    def ideograph(match: re.Match) -> bytes:
        found = table.get(int(match.group(1), 16))
        return b"<%04X>" % found if found else match.group(0)

    fixed = re.sub(rb"begincmap.*?endcmap", lambda m: _RADICAL.sub(ideograph, m.group(0)), data, flags=re.S)
    if fixed != data:
        path.write_bytes(fixed)


def render_sheet_image(sheet: Sheet, paper: Paper, dpi: float, number: int = 1, count: int = 1) -> QImage:
    width, height = paper.pixels(dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    # Painted at the image's default 96 dpi, where a point size means what it
    # means on the sheet, and scaled; the true dpi is stamped on afterwards.
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        k = dpi / UNITS_PER_INCH * paper.scale
        painter.scale(k, k)
        paint_sheet(painter, sheet, paper, number, count)
    finally:
        painter.end()
    image.setDotsPerMeterX(round(dpi * INCHES_PER_METRE))
    image.setDotsPerMeterY(round(dpi * INCHES_PER_METRE))
    return image


def write_png(path: Path, image: QImage) -> Path:
    """``image`` as a PNG at ``path``, through a temporary file checked whole
    (QImage.save says only yes or no); errors as :func:`write_pdf`."""
    with written_in_place_of(path, complete=png_is_complete) as temp:
        if not image.save(str(temp), "PNG"):
            raise incomplete(path)
    return Path(path)


def write_pngs(stem: Path, charts: dict[int, list[Sheet]], paper: Paper, dpi: float,
               cancelled: Callable[[], bool] = lambda: False, written: list[Path] | None = None) -> list[Path]:
    """One PNG per sheet, ``<stem>-图<chart>[-<n>].png``; appended to ``written``
    as they are done (so a caller can take back a cancelled set)."""
    written = [] if written is None else written
    for number, sheets in charts.items():
        for n, sheet in enumerate(sheets, 1):
            if cancelled():
                raise Cancelled()
            suffix = f"-图{number}" + (f"-{n}" if len(sheets) > 1 else "")
            path = stem.with_name(stem.name + suffix + ".png")
            written.append(write_png(path, render_sheet_image(sheet, paper, dpi, n, len(sheets))))
    return written


def paint_on_printer(printer, charts: list[list[Sheet]], paper: Paper) -> int:
    """Onto a QPrinter (a real printer or the print preview's pages).

    At 96 dpi, like the PDF: font point sizes are taken at the device's dpi, so
    a 1200-dpi device would draw text 12.5 times too big under the scale."""
    printer.setFullPage(True)
    printer.setResolution(int(UNITS_PER_INCH))
    printer.setPageLayout(page_layout(paper))
    painter = QPainter(printer)
    try:
        k = printer.resolution() / UNITS_PER_INCH * paper.scale
        painter.scale(k, k)
        pages = paint_charts(painter, charts, paper, printer.newPage)
    finally:
        painter.end()
    if printer.outputFormat() == printer.OutputFormat.PdfFormat and printer.outputFileName():
        _fix_text_mapping(Path(printer.outputFileName()))  # "print to file" gives a searchable PDF too
    return pages
