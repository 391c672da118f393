"""Shapefile text encoding: .cpg, DBF language id, then the bytes themselves.

Every file is written here by GDAL (through geopandas/pyogrio) the way Chinese
shapefiles arrive: GBK with no .cpg, a lying .cpg, a language id byte only.
"""

import struct
import warnings

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from gridmap.errors import GisFileError, GridmapError
from gridmap.gis.encoding import (
    EncodingGuess, detect_shapefile_encoding, gdal_encoding_name, open_options_for, read_dbf_text_fields, write_cpg,
)

COMMUNITIES = ["新华街社区", "新华街社区", "建设路社区"]
GRIDS = ["第1网格", "第2网格", "第1网格"]
BUILDINGS = ["5号楼", "12号楼", "3栋"]


def _shapefile(folder, encoding, *, cpg=False, communities=COMMUNITIES, name="grids"):
    """A point shapefile written by GDAL in ``encoding``; its .cpg kept only if asked."""
    frame = gpd.GeoDataFrame(
        {"社区": communities, "网格": GRIDS[:len(communities)], "楼栋": BUILDINGS[:len(communities)],
         "户数": list(range(40, 40 + len(communities)))},
        geometry=[Point(113.6 + i / 100, 34.7) for i in range(len(communities))], crs="EPSG:4490")
    path = folder / f"{name}.shp"
    frame.to_file(path, encoding=encoding, engine="pyogrio")
    if not cpg:
        path.with_suffix(".cpg").unlink()
    return path


def _set_language_id(shp, ldid):
    with open(shp.with_suffix(".dbf"), "r+b") as f:
        f.seek(29)
        f.write(bytes([ldid]))


def _read(shp, guess):
    frame = pyogrio.read_dataframe(shp, **open_options_for(guess))
    return list(frame.columns), frame["社区"].tolist(), frame["网格"].tolist(), frame["楼栋"].tolist()


def _assert_reads_back(shp, guess, communities=COMMUNITIES):
    assert _read(shp, guess) == (["社区", "网格", "楼栋", "户数", "geometry"], communities, GRIDS, BUILDINGS)


def test_gbk_without_cpg_is_found_in_the_text(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    assert shp.with_suffix(".dbf").read_bytes()[29] == 0  # GDAL writes no language id
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gbk", "content")
    assert guess.detail == "the text decodes as GBK, not as UTF-8"
    tried = dict(guess.tried)
    assert tried["utf-8"] > 0 and tried["gbk"] == 0 and "gb18030" not in tried
    _assert_reads_back(shp, guess)


@pytest.mark.parametrize("ldid", [0x4D, 0x7A])
def test_gbk_with_a_language_id_and_no_cpg(tmp_path, ldid):
    shp = _shapefile(tmp_path, "GBK")
    _set_language_id(shp, ldid)
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gbk", "ldid")
    assert guess.detail.startswith(f"DBF language id 0x{ldid:02X}: ")
    assert "GBK" in guess.detail
    assert guess.tried == (("gbk", 0),)
    _assert_reads_back(shp, guess)


def test_utf8_with_its_cpg(tmp_path):
    shp = _shapefile(tmp_path, "UTF-8", cpg=True)
    guess = detect_shapefile_encoding(shp)
    assert guess == EncodingGuess("utf-8", "cpg", "from the .cpg file (UTF-8)", (("utf-8", 0),))
    _assert_reads_back(shp, guess)


def test_utf8_without_cpg_is_found_in_the_text(tmp_path):
    shp = _shapefile(tmp_path, "UTF-8")
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source, guess.detail) == ("utf-8", "content", "the text decodes as UTF-8")
    _assert_reads_back(shp, guess)


def test_a_cpg_saying_utf8_on_gbk_text_is_overridden(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    shp.with_suffix(".cpg").write_text("UTF-8")
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gbk", "content")
    assert guess.detail.startswith("the .cpg file says UTF-8, but ")
    assert "do not decode as UTF-8" in guess.detail and "decodes as GBK, so that overrides it" in guess.detail
    assert dict(guess.tried)["utf-8"] > 0
    # pyogrio's encoding beats the lying .cpg
    _assert_reads_back(shp, guess)


def test_language_id_0x57_yields_to_gbk_text(tmp_path):
    """0x57 is "the writer's ANSI code page": 1252 in the West, GBK in China.
    GDAL reads it as ISO-8859-1; any bytes decode so, which proves nothing."""
    shp = _shapefile(tmp_path, "GBK")
    _set_language_id(shp, 0x57)
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gbk", "content")
    assert "0x57" in guess.detail and "single-byte" in guess.detail
    _assert_reads_back(shp, guess)


def test_gb18030_only_characters(tmp_path):
    # 㐀 (U+3400, CJK extension A) is a four-byte GB18030 sequence and not in GBK.
    assert "㐀".encode("gb18030") == b"\x81\x39\xee\x39"
    with pytest.raises(UnicodeEncodeError):
        "㐀".encode("gbk")
    communities = ["新华街㐀社区", "新华街社区", "建设路社区"]
    shp = _shapefile(tmp_path, "GB18030", communities=communities)
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gb18030", "content")
    assert guess.detail == "the text decodes as GB18030, not as UTF-8 or GBK"
    assert [codec for codec, _ in guess.tried] == ["utf-8", "gbk", "gb18030"]
    assert dict(guess.tried)["gbk"] == 1
    _assert_reads_back(shp, guess, communities)


def test_plain_ascii_reads_as_utf8_without_complaint(tmp_path):
    shp = tmp_path / "roads.shp"
    gpd.GeoDataFrame({"name": ["Xinhua Rd", "No. 5"], "code": ["410105001", ""]},
                     geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4490").to_file(shp, engine="pyogrio")
    shp.with_suffix(".cpg").unlink()
    guess = detect_shapefile_encoding(shp)
    assert guess == EncodingGuess("utf-8", "default", "the text is plain ASCII; read as UTF-8", ())
    assert pyogrio.read_dataframe(shp, **open_options_for(guess))["name"].tolist() == ["Xinhua Rd", "No. 5"]


@pytest.mark.parametrize("content, codec", [
    ("UTF-8", "utf-8"), ("utf8", "utf-8"), ("65001", "utf-8"), ("GBK", "gbk"), ("936", "gbk"),
    ("CP936", "gbk"), ("GB2312", "gbk"), ("GB18030", "gb18030"), ("ISO-8859-1", "iso8859-1"),
    ("8859-1", "iso8859-1"), ("1252", "cp1252"), ("\ufeffGBK\r\n", "gbk"),
])
def test_cpg_contents(tmp_path, content, codec):
    shp = _shapefile(tmp_path, "GBK")
    shp.with_suffix(".cpg").write_text(content, encoding="utf-8")
    guess = detect_shapefile_encoding(shp)
    if codec in ("gbk", "gb18030"):
        assert (guess.encoding, guess.source) == (codec, "cpg")
    else:  # GBK text: UTF-8 fails to decode it and a single-byte code page proves nothing
        assert (guess.encoding, guess.source) == ("gbk", "content")
        assert guess.tried[0][0] == codec


def test_cpg_in_upper_case_and_an_unknown_one(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    shp.with_suffix(".CPG").write_text("936")
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source, guess.detail) == ("gbk", "cpg", "from the .cpg file (936)")
    shp.with_suffix(".CPG").write_text("System")
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.source) == ("gbk", "content")
    assert guess.detail.endswith("the .cpg file says 'System', which names no encoding")


def test_a_value_cut_in_half_at_the_field_width_still_decodes(tmp_path):
    """GDAL cuts a long GBK value to 254 bytes, through the middle of a character."""
    shp = _shapefile(tmp_path, "GBK")
    long_name = "a" + "新华街社区" * 40
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's own warning that it truncated the value
        gpd.GeoDataFrame({"名称": [long_name]}, geometry=[Point(0, 0)], crs="EPSG:4490").to_file(
            shp, encoding="GBK", engine="pyogrio")
    shp.with_suffix(".cpg").unlink()
    value = read_dbf_text_fields(shp)["名称"][0]
    assert len(value) == 254 and value[-1] == long_name.encode("gbk")[253]  # a lead byte alone
    guess = detect_shapefile_encoding(shp)
    assert (guess.encoding, guess.tried) == ("gbk", (("utf-8", 2), ("gbk", 0)))


def test_when_nothing_decodes_the_fewest_failures_win(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes().replace("建设路社区".encode("gbk"), b"\xff" * 10))
    guess = detect_shapefile_encoding(shp)
    assert guess.encoding == "gbk" and guess.source == "content"
    assert guess.detail.startswith("no encoding decodes every text value; GBK fails on the fewest (1 of 12 ")
    assert dict(guess.tried) == {"utf-8": 12, "gbk": 1, "gb18030": 1}  # 3 field names, 9 values


def test_read_dbf_text_fields_gives_raw_bytes_of_text_fields_only(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    fields = read_dbf_text_fields(shp)
    assert list(fields) == ["社区", "网格", "楼栋"]  # 户数 is numeric
    assert fields["社区"] == [c.encode("gbk") for c in COMMUNITIES]
    first_two = read_dbf_text_fields(shp.with_suffix(".dbf"), max_records=2)["楼栋"]
    assert first_two == [b"5\xba\xc5\xc2\xa5", b"12\xba\xc5\xc2\xa5"]


def test_deleted_records_are_skipped(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    dbf = shp.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    header_len, record_len = struct.unpack("<HH", data[8:12])
    data[header_len + record_len] = ord("*")
    dbf.write_bytes(bytes(data))
    assert read_dbf_text_fields(shp)["网格"] == ["第1网格".encode("gbk"), "第1网格".encode("gbk")]


def test_write_cpg(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    assert write_cpg(shp, "gbk") == shp.with_suffix(".cpg")
    assert shp.with_suffix(".cpg").read_bytes() == b"GBK"
    assert detect_shapefile_encoding(shp).source == "cpg"
    write_cpg(shp, "UTF-8")
    assert shp.with_suffix(".cpg").read_bytes() == b"UTF-8"
    assert detect_shapefile_encoding(shp).source == "content"  # the .cpg lies now, and is caught
    with pytest.raises(ValueError):
        write_cpg(shp, "cp1252")


def test_open_options_use_names_gdal_knows(tmp_path):
    assert [gdal_encoding_name(c) for c in ("utf8", "gbk", "cp936", "gb18030", "latin-1", "cp1252")] == [
        "UTF-8", "GBK", "GBK", "GB18030", "ISO-8859-1", "CP1252"]
    shp = tmp_path / "west.shp"
    gpd.GeoDataFrame({"name": ["Müller"]}, geometry=[Point(0, 0)], crs="EPSG:4326").to_file(
        shp, encoding="ISO-8859-1", engine="pyogrio")
    guess = EncodingGuess("iso8859-1", "cpg", "from the .cpg file (ISO-8859-1)")
    assert open_options_for(guess) == {"encoding": "ISO-8859-1"}
    assert pyogrio.read_dataframe(shp, **open_options_for(guess))["name"].tolist() == ["Müller"]


def _assert_refused(path, blamed, words):
    with pytest.raises(GisFileError) as caught:
        detect_shapefile_encoding(path)
    assert isinstance(caught.value, GridmapError)
    assert caught.value.path == blamed
    message = str(caught.value)
    assert str(blamed) in message
    for word in words:
        assert word in message


def test_a_truncated_dbf(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes()[:-10])
    _assert_refused(shp, dbf, ["cut short", "promises 3 records", "ends after 2", "Copy the shapefile again"])


@pytest.mark.parametrize("content, words", [
    (b"", ["too short", "0 bytes"]),
    (b"\x03\x7c\x0b\x17", ["too short", "4 bytes"]),
    (b"\x03\x7c\x0b\x17" + struct.pack("<IHH", 3, 4000, 20) + b"\0" * 20, ["header claims 4000 bytes", "has 32"]),
    (b"\x03\x7c\x0b\x17" + struct.pack("<IHH", 0, 97, 20) + b"\0" * 20 + b"NAME\0\0\0\0\0\0\0C" + b"\0" * 4
     + bytes([30]) + b"\0" * 79, ["no end marker"]),
    (b"\x03\x7c\x0b\x17" + struct.pack("<IHH", 0, 65, 20) + b"\0" * 20 + b"NAME\0\0\0\0\0\0\0C" + b"\0" * 4
     + bytes([30]) + b"\0" * 15 + b"\r", ["fields take 31 bytes per record", "header says 20"]),
    ("这不是数据表".encode() * 3, ["not a valid DBF table"]),
])
def test_a_damaged_dbf(tmp_path, content, words):
    shp = _shapefile(tmp_path, "GBK")
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(content)
    _assert_refused(shp, dbf, words)


def test_a_missing_dbf(tmp_path):
    shp = _shapefile(tmp_path, "GBK")
    shp.with_suffix(".dbf").unlink()
    _assert_refused(shp, shp, ["has no attribute table", "grids.dbf is missing", "Copy the .dbf"])


def test_a_missing_shapefile_and_a_folder(tmp_path):
    _assert_refused(tmp_path / "nowhere.shp", tmp_path / "nowhere.shp", ["does not exist"])
    _assert_refused(tmp_path, tmp_path, ["is a folder"])
