"""Builds the demo minutes of the fictional Lilleå Kommune in the formats municipalities publish.

`python samples/build.py` writes the DOCX, PDF and agenda-portal JSON files next to this script (the TXT
file is written by hand). The texts are invented; they exist so a new user sees the app work at once:
decisions, a vote, a closed item, and one case (the cycle path on Åvej) treated at two meetings.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

DOCX_MINUTES = [
    ("REFERAT Teknik- og Miljøudvalget 2022-2025 d. 14-05-2025", None),
    ("Mødedato Onsdag d. 14. maj 2025 kl. 17:00", None),
    ("Mødested Lilleå Rådhus, mødelokale 2", None),
    ("Punkt 1: Ny cykelsti langs Åvej - resultat af udbud", "Heading 1"),
    ("05.01.00-P20-3-24", None),
    ("Resume", "Heading 2"),
    ("Udbuddet af anlægget af cykelstien langs Åvej er afsluttet. Laveste bud er 3.980.000 kr. fra Åby Anlæg A/S, "
     "hvilket er 270.000 kr. under det budget, udvalget godkendte den 12. marts 2025.", None),
    ("Indstilling", "Heading 2"),
    ("Forvaltningen indstiller, at kontrakten indgås med Åby Anlæg A/S.", None),
    ("Beslutning", "Heading 2"),
    ("Godkendt. Anlægsarbejdet begynder den 30. juni 2025.", None),
    ("Punkt 2: Lukket: Erstatningssag", "Heading 1"),
    ("Punkt 3: Affaldsplan 2025-2030", "Heading 1"),
    ("27.10.00-P15-1-25", None),
    ("Resume", "Heading 2"),
    ("Affaldsplanen fastlægger indsamlingen af ti affaldstyper fra 2026 og et mål om 60 procent genanvendelse i 2030.", None),
    ("Indstilling", "Heading 2"),
    ("Forvaltningen indstiller, at affaldsplanen sendes i offentlig høring i otte uger.", None),
    ("Beslutning", "Heading 2"),
    ("Udsat til næste møde.", None),
]

PDF_PAGES = [
    ["Økonomiudvalget", "Referat", "Dato: 02.04.2025", "", "Referat", "Økonomiudvalget",
     "onsdag den 2. april 2025, kl. 15:00", "i Byrådssalen, Lilleå Rådhus", "", "INDHOLDSFORTEGNELSE",
     "1. Budgetopfølgning 1. kvartal 2025 2", "2. Salg af grunden Møllevej 7 2"],
    ["Økonomiudvalget", "Referat", "Dato: 02.04.2025", "", "1. Budgetopfølgning 1. kvartal 2025",
     "Sagsnr.: 2025-1042", "Sammendrag", "Det forventede regnskab viser et mindreforbrug på 4,2 mio. kr.",
     "på serviceudgifterne.", "Indstilling", "Direktionen indstiller, at budgetopfølgningen tages til efterretning.",
     "Økonomiudvalgets beslutning den 02.04.2025 Punkt 1", "Taget til efterretning.", "",
     "2. Salg af grunden Møllevej 7", "Sagsnr.: 2025-0877", "Sammendrag",
     "Kommunen har modtaget et bud på 1.150.000 kr. for grunden Møllevej 7.", "Indstilling",
     "Direktionen indstiller, at grunden sælges til højestbydende.",
     "Økonomiudvalgets beslutning den 02.04.2025 Punkt 2", "Godkendt med 4 stemmer for og 1 imod.",
     "Imod stemte Karen Lund."],
]

PORTAL = {
    "Id": "7f1c2b8e-0000-4000-8000-000000000001",
    "Udvalg": {"Navn": "Børne- og Ungeudvalget"},
    "Moede": {"Dato": "2025-02-03T16:00:00+01:00", "MeetingBeginUtc": "2025-02-03T16:00:00+01:00",
              "Sted": "Lilleå Rådhus, mødelokale 1", "Navn": "Dagsorden"},
    "Dagsordenpunkter": [
        {"Number": "1", "Sorting": 1, "Caption": "Godkendelse af dagsorden", "CaseNumber": "25-000101",
         "Felter": [{"Html": "<h3>Beslutning</h3><div>Godkendt.</div>"}], "Bilag": []},
        {"Number": "2", "Sorting": 2, "Caption": "Ny skolevejsanalyse for Lilleå Skole", "CaseNumber": "25-000233",
         "Felter": [{"Html": "<h3>Beslutning</h3><div>Godkendt. Udvalget ønsker en status i efteråret.</div>"
                             "<h3>Resume</h3><div>Analysen peger på tre farlige krydsninger, blandt andet ved Åvej, "
                             "hvor Teknik- og Miljøudvalget behandler en ny cykelsti.</div>"
                             "<h3>Indstilling</h3><div>Center for Børn og Skole indstiller, at analysen godkendes.</div>"}],
         "Bilag": [{"Navn": "Skolevejsanalyse 2025"}]},
        {"Number": "3", "Sorting": 3, "Caption": "Lukket: Personsag", "CaseNumber": "25-000301",
         "Felter": [{"Html": "<h3>Beslutning</h3><div>Beslutning ikke frigivet</div>"}], "Bilag": []},
    ],
}


def build_docx(path: Path) -> None:
    document = docx.Document()
    for text, style in DOCX_MINUTES:
        document.add_paragraph(text, style=style) if style else document.add_paragraph(text)
    document.save(path)


def _pdf_text(value: str) -> str:
    return value.replace("\\\\", "\\\\\\\\").replace("(", "\\\\(").replace(")", "\\\\)")


def build_pdf(path: Path) -> None:
    """A small PDF with a real text layer (WinAnsi encoding, so æ, ø and å survive)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    font_id = 3 + 2 * len(PDF_PAGES)
    for index, lines in enumerate(PDF_PAGES):
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_id} 0 R")
        stream = "BT /F1 11 Tf 14 TL 50 790 Td " + " ".join(f"({_pdf_text(line)}) '" for line in lines) + " ET"
        data = stream.encode("cp1252")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>")
        objects.append((f"<< /Length {len(data)} >>\nstream\n", data, "\nendstream"))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode()
        out += (body[0].encode() + body[1] + body[2].encode()) if isinstance(body, tuple) else body.encode()
        out += b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


if __name__ == "__main__":
    build_docx(HERE / "lilleaa-teknik-og-miljoe-2025-05-14.docx")
    build_pdf(HERE / "lilleaa-oekonomiudvalget-2025-04-02.pdf")
    (HERE / "lilleaa-boern-og-unge-2025-02-03.json").write_text(json.dumps(PORTAL, ensure_ascii=False, indent=1), encoding="utf-8")
