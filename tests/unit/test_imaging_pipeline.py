"""From a frame to a finished page and a PDF: geometry, enhancement, size budget, assembly."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pytest

from devices.scanner.imaging.compression import CompressionError, compress_to_budget
from devices.scanner.imaging.deskew import estimate_skew
from devices.scanner.imaging.enhancement import enhance, flatten_illumination
from devices.scanner.imaging.id_card_sheet import id_card_sheet
from devices.scanner.imaging.orientation import quarter_turns
from devices.scanner.imaging.page_size import PageSize, recognise_page_size
from devices.scanner.imaging.pdf_assembly import PdfPage, assemble_pdf
from devices.scanner.imaging.pipeline import finish_page, id_card_page, process_capture
from kiosk.commands import imaging as imaging_command
from tests.data.imaging.generate import Sample, render_document

ImagingSet = tuple[Path, list[Sample]]


def _page(kind: str = "text", seed: int = 5) -> np.ndarray:
    return render_document(kind, np.random.default_rng(seed))[0]


def test_page_sizes_are_recognised_by_proportion_and_scale() -> None:
    assert recognise_page_size(856, 540) is PageSize.ID1
    assert recognise_page_size(540, 856) is PageSize.ID1
    assert recognise_page_size(2480, 3508, 300 / 25.4) is PageSize.A4
    assert recognise_page_size(1748, 2480, 300 / 25.4) is PageSize.A5
    assert recognise_page_size(1000, 1000) is PageSize.OTHER
    assert recognise_page_size(1000, 1414) is PageSize.A4  # no scale: ISO proportions read as A4


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_text_pages_are_turned_upright(turns: int) -> None:
    page = _page("text")
    turned = np.ascontiguousarray(np.rot90(page, turns))  # counter-clockwise quarter turns
    assert quarter_turns(turned) == turns


def test_a_page_with_its_seal_at_the_bottom_is_not_turned_over() -> None:
    # A framed page whose red seal makes the lower half the heavier one, as official papers are.
    page = np.full((1169, 827, 3), 250, np.uint8)
    cv2.rectangle(page, (30, 30), (797, 1139), (60, 60, 60), 4)
    cv2.putText(page, "TITLE", (250, 160), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 5)
    for y in range(260, 900, 48):
        cv2.line(page, (90, y), (738 - (y // 48 % 3) * 60, y), (140, 140, 140), 3)
    cv2.circle(page, (560, 900), 130, (40, 40, 210), 18)
    cv2.putText(page, "SEAL", (470, 920), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (40, 40, 210), 12)
    assert quarter_turns(page) == 0


def test_skew_of_a_scanned_page_is_measured() -> None:
    page = _page("text")
    height, width = page.shape[:2]
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), 3.0, 1.0)
    askew = cv2.warpAffine(page, rotation, (width, height), borderValue=(240, 240, 240))
    assert estimate_skew(askew) == pytest.approx(-3.0, abs=0.5)


def test_shadow_and_colour_cast_are_removed() -> None:
    page = _page("text").astype(np.float32)
    width = page.shape[1]
    shade = np.linspace(0.45, 1.0, width, dtype=np.float32)[None, :, None]
    cast = np.array([0.8, 0.95, 1.0], np.float32)  # a warm lamp: less blue
    spoiled = np.clip(page * shade * cast, 0, 255).astype(np.uint8)
    flat = flatten_illumination(spoiled)
    paper = flat[flat.min(axis=2) > 150]  # paper pixels, not ink
    assert paper.mean() > 235
    left, right = flat[:, : width // 5], flat[:, -width // 5 :]
    assert abs(float(np.median(left)) - float(np.median(right))) < 8
    b, g, r = (float(np.median(flat[:, :, c])) for c in range(3))
    assert max(b, g, r) - min(b, g, r) < 6  # neutral white


def test_black_and_white_only_for_text_pages() -> None:
    text = enhance(_page("text"), black_and_white=True)
    assert set(np.unique(text)) <= {0, 255}
    card = enhance(_page("id_front"), black_and_white=True)
    assert len(np.unique(card)) > 2  # a card with a photo stays in colour


@pytest.mark.parametrize("budget", [60_000, 200_000])
def test_jpeg_fits_the_budget_at_the_best_quality(budget: int) -> None:
    page = cv2.resize(_page("form"), (1654, 2339))
    encoded = compress_to_budget(page, budget)
    assert len(encoded.data) <= budget
    if encoded.quality < 92:  # one step better would not have fitted
        better = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, encoded.quality + 1])[1]
        assert len(better) > budget
    with pytest.raises(CompressionError):
        compress_to_budget(page, 500)


def test_pdf_embeds_the_jpegs_unchanged() -> None:
    jpegs = [compress_to_budget(_page(kind), 150_000).data for kind in ("text", "form")]
    card = compress_to_budget(_page("id_front"), 80_000).data
    pdf = assemble_pdf(
        [PdfPage(jpegs[0], (210, 297)), PdfPage(jpegs[1], (210, 297)), PdfPage(card, (85.6, 54))]
    )
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 3
        streams = []
        for page in document.pages:
            (image,) = page.get_images().values()
            assert image.Filter == "/DCTDecode"
            streams.append(image.read_raw_bytes())
        assert streams == [*jpegs, card]
        width_mm = float(document.pages[2].mediabox[2]) / 72 * 25.4
        assert width_mm == pytest.approx(85.6, abs=0.5)


def test_id_card_front_and_back_share_one_a4_page() -> None:
    front, back = _page("id_front"), _page("id_back")
    sheet = id_card_sheet(front, back, dpi=150)
    assert sheet.shape[:2] == (1754, 1240)  # A4 portrait at 150 dpi
    rows_with_card = np.nonzero((sheet < 250).any(axis=(1, 2)))[0]
    upper = rows_with_card[rows_with_card < 877]
    lower = rows_with_card[rows_with_card >= 877]
    card_height = 54 / 25.4 * 150
    assert np.ptp(upper) == pytest.approx(card_height, abs=3)
    assert np.ptp(lower) == pytest.approx(card_height, abs=3)


def test_frame_to_finished_page(imaging_set: ImagingSet) -> None:
    directory, samples = imaging_set
    cards = [s for s in samples if s.kind == "id_front" and not s.expected_flags][:1]
    texts = [s for s in samples if s.kind == "text" and not s.expected_flags][:1]
    assert cards and texts
    card = process_capture(cv2.imread(str(directory / cards[0].file)))
    text = process_capture(cv2.imread(str(directory / texts[0].file)))
    assert card.page_size is PageSize.ID1 and card.quality.acceptable
    assert text.page_size is PageSize.A4 and text.quality.acceptable
    assert text.image.shape[0] > text.image.shape[1]  # upright portrait page
    finished = finish_page(text, 150_000)
    assert len(finished.jpeg) <= 150_000 and finished.size_mm == (210.0, 297.0)
    sheet = id_card_page(card, card)
    assert sheet.size_mm == (210.0, 297.0)


def test_cli_detect_and_process(
    imaging_set: ImagingSet,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, samples = imaging_set
    sample = next(s for s in samples if s.kind == "form" and not s.effects)
    parser = argparse.ArgumentParser(prog="kiosk")
    imaging_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["imaging", "detect", str(directory / sample.file), "--json"])
    assert args.handler(args) == 0
    result = json.loads(capsys.readouterr().out)
    truth = np.array(sample.corners)
    found = np.array(result["corners"])
    # Same corners, whichever one the page calls its top-left.
    assert min(np.abs(np.roll(truth, k, axis=0) - found).max() for k in range(4)) < 6
    assert result["quality"] == []
    out = tmp_path / "material.pdf"
    files = [str(directory / s.file) for s in samples[:3]]
    args = parser.parse_args(
        ["imaging", "process", *files, "--out", str(out), "--budget-kb", "200"]
    )
    assert args.handler(args) == 0
    with pikepdf.open(out) as document:
        assert len(document.pages) == 3
