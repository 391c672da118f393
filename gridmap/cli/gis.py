"""``gridmap import`` and ``gridmap export``: GIS layers into a project (a new one
if asked) and the project's map out to GeoPackage, Shapefile or GeoJSON."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from gridmap.errors import GridmapError
from gridmap.levels import project_depths

IMPORT_TARGETS = ("streets", "buildings", "zones", "compounds")
EXPORT_FORMATS = ("gpkg", "shp", "geojson", "xlsx", "html")


def add_import_parser(commands) -> None:
    imp = commands.add_parser(
        "import", help="GIS features (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, OpenStreetMap .pbf/.osm) into a "
                       "project: streets, buildings, zones or compounds; a preview first, then one undoable step")
    imp.add_argument("file", type=Path, help="the gridmap project (.gpkg); with --new, the project to create")
    imp.add_argument("--layer", required=True, choices=IMPORT_TARGETS, help="what the features become")
    imp.add_argument("source", type=Path, help="the GIS file to read")
    imp.add_argument("--source-layer", metavar="NAME", help="the layer of the source (default: the first with "
                                                            "geometry; OpenStreetMap: lines for streets, "
                                                            "multipolygons for buildings)")
    imp.add_argument("--crs", help="the source's coordinate system when it declares none or declares it wrongly "
                                   "(EPSG:4490, EPSG:4547, a WKT or PROJ string)")
    imp.add_argument("--offset", choices=["gcj02", "bd09"], help="the source was traced on Amap/Tencent (gcj02) "
                                                                 "or Baidu (bd09) maps: remove the offset")
    imp.add_argument("--encoding", help="shapefile text encoding (default: found from .cpg, the DBF, the text)")
    imp.add_argument("--new", action="store_true", help="create FILE, in the metric CRS that suits the data "
                                                        "(CGCS2000 3-degree Gauss-Kruger zone in China)")
    imp.add_argument("--zone-level", type=int, choices=[1, 2, 3, 4],
                     help="with --layer zones: 1 street office, 2 community, 3 grid, 4 micro-grid (default: the "
                          "project's grid level); each zone goes under the zone one level up that holds it")
    imp.add_argument("--include-outside", action="store_true",
                     help="also import features outside the project's street office")
    imp.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    imp.add_argument("--json", action="store_true", help="print the preview as JSON")


def add_export_parser(commands) -> None:
    exp = commands.add_parser("export", help="the project's map layers for QGIS and the web: GeoPackage 1.2, "
                                             "Shapefiles (UTF-8 or GBK, with .cpg), GeoJSON (WGS84); an Excel "
                                             "workbook (households: per building in public, per flat internal; staff; "
                                             "statistics); an offline web map")
    exp.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--out", required=True, type=Path, help="the file (gpkg, xlsx, html) or folder (shp, geojson)")
    exp.add_argument("--encoding", default="utf-8", choices=["utf-8", "gbk"], help="shapefile text (default UTF-8)")
    exp.add_argument("--mode", choices=["public", "internal"], default="public",
                     help="html and xlsx: public (default: phones masked unless public, no sensitive tags) "
                          "or internal (everything, stamped 内部资料)")


def _default_layer(source_path: Path, target: str) -> str | None:
    if source_path.suffix.lower() in (".pbf", ".osm"):
        return "lines" if target == "streets" else "multipolygons"
    return None


def run_import(args) -> int:
    from gridmap.gis.importing import ImportFeatures, preview_import, screened
    from gridmap.gis.new_project import create_empty_project, crs_for_source
    from gridmap.gis.reading import read_source
    from gridmap.project import Project

    source = read_source(args.source, args.source_layer or _default_layer(args.source, args.layer), args.encoding)
    created = None
    try:
        if args.new:
            if args.file.exists():
                raise GridmapError(f"{args.file} exists already: --new makes a new project (leave out --new to "
                                   "import into it)")
            source = screened(source, args.crs)  # a far-out shape must not pick the new project's CRS
            epsg = crs_for_source(source, args.crs, args.offset)
            target = args.file if not args.dry_run else Path(tempfile.mkdtemp()) / args.file.name
            project = create_empty_project(target, epsg, args.file.stem)
            created = target
        else:
            # Held from the preview to the write, so nobody changes it in between; nothing is
            # written before the import itself (a refused import leaves the file byte for byte).
            project = Project.open(args.file, read_only=args.dry_run)
        try:
            zone_level = args.zone_level or project_depths(project).grid
            if zone_level is None and args.layer == "zones":
                raise GridmapError(f"{args.file} has no level of grids: say which level the zones are with "
                                   "--zone-level")
            preview = preview_import(project, source, args.layer, crs=args.crs, offset=args.offset,
                                     include_outside=args.include_outside, zone_level=zone_level)
            epsg = project.srs_id
            if not preview.records:
                raise GridmapError(_nothing_to_import(args, preview))
            if not args.dry_run:
                project.undo_stack.push(ImportFeatures(preview))
        finally:
            project.close()
    except BaseException:
        if created is not None:  # a new project the import did not fill is not left behind
            created.unlink(missing_ok=True)
        raise
    report = {"source": str(args.source), "layer": source.layer, "into": args.layer, "project_crs": f"EPSG:{epsg}",
              **preview.summary(), "unreadable_in_source": source.unreadable, "encoding": source.encoding_note,
              "repaired_examples": [f"row {r}: {why}" for r, why in preview.repaired[:5]],
              "left_out_examples": [f"row {r}: {why}" for r, why in preview.left_out[:5]], "notes": preview.notes,
              "written": not args.dry_run}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{report['records']} {args.layer} from {args.source.name} ({source.layer}) into "
              f"{args.file} [{report['project_crs']}]" + ("" if not args.dry_run else " — dry run, nothing written"))
        print(f"  repaired {report['repaired']}, left out {report['left_out']}, outside the area {report['outside']}")
        for line in report["repaired_examples"] + report["left_out_examples"]:
            print(f"  {line}")
        if source.encoding_note:
            print(f"  text: {source.encoding_note}")
    if created is not None and args.dry_run:
        created.unlink(missing_ok=True)
    return 0


def _nothing_to_import(args, preview) -> str:
    """Why no feature of the source can come in, and what to do."""
    reasons = [f"row {r}: {why}" for r, why in preview.left_out[:5]]
    if preview.outside and not args.include_outside:
        reasons.append(f"{len(preview.outside)} outside the street office (--include-outside takes them too)")
    return (f"{args.source}: nothing can be imported into {args.layer}; "
            + ("; ".join(reasons) if reasons else "the layer has no features") + ". Nothing was written.")


def run_export(args) -> int:
    from gridmap.gis.export import check_export_target
    from gridmap.project import Project

    check_export_target(args.format, args.out)  # before the work: never onto a project, never into nowhere
    project = Project.open(args.file, read_only=True)  # exporting never touches the project
    try:
        if args.format == "gpkg":
            from gridmap.gis.export import export_geopackage

            counts = export_geopackage(project, args.out)
        elif args.format == "shp":
            from gridmap.gis.export import export_shapefiles

            lost: list[str] = []
            counts = export_shapefiles(project, args.out, args.encoding, lost)
            if lost:
                print(f"gridmap: note: {len(lost):,} text(s) do not fit a shapefile in {args.encoding.upper()} "
                      f"(254 bytes a field; characters the encoding lacks are written as '?'), for example "
                      f"{lost[0][:40]!r}; a GeoPackage (--format gpkg) keeps them whole", file=sys.stderr)
        elif args.format == "geojson":
            from gridmap.gis.export import export_geojson

            counts = export_geojson(project, args.out)
        elif args.format == "xlsx":
            from gridmap.workbooks.project_workbook import write_project_workbook

            counts = write_project_workbook(project, args.out, args.mode)
        else:
            from gridmap.webmap import write_web_map

            counts = write_web_map(project, args.out, mode=args.mode).features
    finally:
        project.close()
    print(f"{args.out}: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()), file=sys.stdout)
    return 0
