"""Text of a scanned PDF by optical character recognition: the optional extra
``pip install 'fzcheck[ocr]'`` (RapidOCR on ONNX Runtime, whose models ship inside the wheel, so
nothing is fetched at run time).

Each page's scanned image (the images embedded in a page with no text layer) is read; the boxes are
put in reading order (top to bottom, left to right within a line) and joined into lines.  The text
says it came from OCR, with the recogniser's mean confidence, so that a reader knows exact figures
may be misread.  Without the extra, the refusal names it.
"""
from __future__ import annotations

from functools import lru_cache

from ..patterns import rx
from ..base.errors import InputError

EXTRA_HINT = "pip install 'fzcheck[ocr]'"
# The recogniser reads the dash of a year range (2021—2025) as the character 一.
_YEAR_RANGE_DASH = rx.compile(r"(?<!\d)((?:19|20)\d\d)一((?:19|20)\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def available() -> bool:
    """Installed (found without importing it: the import loads ONNX Runtime and OpenCV, which only
    a page with an image to read should pay for)."""
    from importlib.util import find_spec

    return find_spec("rapidocr_onnxruntime") is not None


def _lines(result) -> list[str]:
    """RapidOCR boxes ([[corners], text, score]) in reading order, joined into lines."""
    boxes = []
    for corners, text, _ in result or []:
        ys = [point[1] for point in corners]
        xs = [point[0] for point in corners]
        boxes.append((min(ys), max(ys), min(xs), text))
    boxes.sort()
    lines: list[list[tuple[float, str]]] = []
    bottom = None
    for top, low, left, text in boxes:
        if bottom is None or top > bottom - (low - top) * 0.5:
            lines.append([])
            bottom = low
        else:
            bottom = max(bottom, low)
        lines[-1].append((left, text))
    joined = ("".join(text for _, text in sorted(line)) for line in lines)
    return [_YEAR_RANGE_DASH.sub(r"\1—\2", line) for line in joined]


MAX_PIXELS = 40_000_000     # one page image (A4 at 600 dpi is about 35 million)
MAX_IMAGES_PER_PAGE = 16
_FORM_DEPTH = 3


def _page_images(resources, depth: int = 0):
    """The image XObjects of a page, looking into form XObjects a few levels deep, in order."""
    try:
        xobjects = resources.get("/XObject") if resources is not None else None
        entries = list(xobjects.items()) if xobjects is not None else []
    except Exception:  # noqa: BLE001 - a broken resource dictionary just has no images
        return
    for _, ref in entries:
        try:
            obj = ref.get_object()
            subtype = obj.get("/Subtype")
        except Exception:  # noqa: BLE001
            continue
        if subtype == "/Image":
            yield obj
        elif subtype == "/Form" and depth < _FORM_DEPTH:
            yield from _page_images(obj.get("/Resources"), depth + 1)


def _decoded(obj):
    """A PIL image of an image XObject, or None when it is too large or cannot be decoded."""
    try:
        width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        if not 0 < width * height <= MAX_PIXELS:
            return None
        return obj.decode_as_image()
    except Exception:  # noqa: BLE001 - a hostile or unsupported image is skipped, not fatal
        return None


def _recognise(page, scores: list[float]) -> str:
    """The recognised text of one page's images (the engine is loaded only when there is an image)."""
    texts = []
    for number, obj in enumerate(_page_images(page.get("/Resources"))):
        image = _decoded(obj) if number < MAX_IMAGES_PER_PAGE else None
        if image is None:
            continue
        result, _ = _engine()(image.convert("RGB"))
        texts.extend(_lines(result))
        scores.extend(score for _, _, score in result or [])
    return "\n".join(texts)


def refuse_scan(name: str) -> InputError:
    return InputError(name, f"PDF 没有文字层（可能是扫描件）：安装文字识别扩展（{EXTRA_HINT}）后可以直接检查，或先用其他软件进行 OCR",
                      f"the PDF has no text layer (a scan?): install the OCR extra ({EXTRA_HINT}) or run OCR first")


def ocr_pages(reader, pages: list[str], which: list[int]) -> tuple[list[str], float | None]:
    """``pages`` with the text of the pages numbered in ``which`` (scanned pages: images, no text
    layer) recognised, and the mean confidence (None when no page had an image to read)."""
    pages, scores = list(pages), []
    for index in which:
        recognised = _recognise(reader.pages[index], scores)
        if recognised:  # beside what little the text layer has (a page number, a caption)
            pages[index] = f"{pages[index]}\n{recognised}" if pages[index].strip() else recognised
    return pages, (sum(scores) / len(scores) if scores else None)
