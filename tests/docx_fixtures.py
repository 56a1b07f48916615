"""Word documents as authors make them: headings numbered by Word (numbering.xml, not typed), a
table, and optionally a tracked insertion."""
from pathlib import Path


def numbered_docx(text: str, path: Path, tracked_insertion: str | None = None) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", "%1、")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        lvl.append(el)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)

    for line in text.splitlines():
        if not line.strip():
            continue
        if line[:2] in ("一、", "二、", "三、", "四、", "五、"):
            paragraph = document.add_paragraph(line[2:], style="Heading 1")
            num_pr = OxmlElement("w:numPr")
            for tag, value in (("w:ilvl", "0"), ("w:numId", "90")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                num_pr.append(el)
            paragraph._p.get_or_add_pPr().append(num_pr)
        else:
            document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "行政复议案件", "58件"
    if tracked_insertion:
        paragraph = document.paragraphs[-1]
        insertion = OxmlElement("w:ins")
        for key, value in (("w:id", "1"), ("w:author", "审核人"), ("w:date", "2024-03-01T00:00:00Z")):
            insertion.set(qn(key), value)
        run = OxmlElement("w:r")
        text_el = OxmlElement("w:t")
        text_el.text = tracked_insertion
        run.append(text_el)
        insertion.append(run)
        paragraph._p.append(insertion)
    document.save(path)
    return path
