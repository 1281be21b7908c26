"""What Zotero makes of the edition's RIS and COinS: its own tables and rules, transcribed.

Transcribed from Zotero's code, not from our idea of it, so that a test can say what a field MEANS
to Zotero (a book's editors arrive as editors), not only that a file parses:

- ``RIS.js`` of zotero/translators at commit 2814370161d05d799086825fac8d499db3a33aa3
  (lastUpdated 2026-01-05): ``exportTypeMap``/``importTypeMap`` (TY -> item type), ``fieldMap`` and
  ``degenerateImportFieldMap`` (tag -> field, per item type), ``TagMapper.getField`` (how the two
  are searched: an explicit item type first, then ``__default`` unless ``__exclude``d, then the
  next map), and ``processTag``'s creator rule (a name is split at its first comma: last, first;
  a name without a first part is an institution, ``fieldMode: 1``). Only the tags and item types
  the edition writes are transcribed; a tag outside them is an error here, so the table cannot
  silently miss one.
- ``openurl.js`` of zotero/utilities at commit 4051881d59c6c12d34417d4c226f37218051be90
  (``parseContextObject``, which Zotero's COinS translator calls for every ``span.Z3988``): the
  item type from ``rft_val_fmt`` and ``rft.genre`` (or ``rft.type`` for Dublin Core), and the keys
  the edition writes.
"""

from __future__ import annotations

from urllib.parse import unquote

# --- RIS.js: TY -> Zotero item type (importTypeMap, with exportTypeMap reversed into it) ---------
RIS_ITEM_TYPES = {"BOOK": "book", "CHAP": "bookSection", "JOUR": "journalArticle", "RPRT": "report",
                  "MANSCPT": "manuscript", "PCOMM": "letter", "SLIDE": "presentation",
                  "GEN": "journalArticle", "ELEC": "webpage"}

# --- RIS.js: fieldMap, then degenerateImportFieldMap (the tags the edition writes) ---------------
# Each entry: a field for every type (a string), or {field: [item types], "__default": field,
# "__exclude": [item types]}.
_FIELD_MAP = {
    "DO": "DOI", "N1": "notes", "ST": "shortTitle", "UR": "url",
    "TI": {"__default": "title", "subject": ["email"], "caseName": ["case"], "nameOfAct": ["statute"]},
    "T2": {"code": ["bill", "statute"], "bookTitle": ["bookSection"], "blogTitle": ["blogPost"],
           "conferenceName": ["conferencePaper"], "dictionaryTitle": ["dictionaryEntry"],
           "encyclopediaTitle": ["encyclopediaArticle"], "committee": ["hearing"], "forumTitle": ["forumPost"],
           "websiteTitle": ["webpage"], "programTitle": ["radioBroadcast", "tvBroadcast"],
           "meetingName": ["presentation"], "seriesTitle": ["computerProgram", "map", "report"],
           "series": ["book"], "publicationTitle": ["journalArticle", "magazineArticle", "newspaperArticle"]},
    "T3": {"legislativeBody": ["hearing", "bill"], "series": ["bookSection", "conferencePaper", "journalArticle"],
           "seriesTitle": ["audioRecording"]},
    "AU": {"__default": "creators/author", "creators/artist": ["artwork"], "creators/cartographer": ["map"],
           "creators/composer": ["audioRecording"],
           "creators/director": ["film", "radioBroadcast", "tvBroadcast", "videoRecording"],
           "creators/interviewee": ["interview"], "creators/inventor": ["patent"],
           "creators/podcaster": ["podcast"], "creators/programmer": ["computerProgram"]},
    "A2": {"creators/sponsor": ["bill"], "creators/performer": ["audioRecording"],
           "creators/presenter": ["presentation"], "creators/interviewer": ["interview"],
           "creators/editor": ["journalArticle", "bookSection", "conferencePaper", "dictionaryEntry", "document",
                               "encyclopediaArticle"],
           "creators/seriesEditor": ["book", "report"], "creators/recipient": ["email", "instantMessage", "letter"],
           "reporter": ["case"], "issuingAuthority": ["patent"]},
    "A3": {"creators/contributor": ["thesis"], "creators/cosponsor": ["bill"],
           "creators/producer": ["film", "tvBroadcast", "videoRecording", "radioBroadcast"],
           "creators/editor": ["book"],
           "creators/seriesEditor": ["bookSection", "conferencePaper", "dictionaryEntry", "encyclopediaArticle", "map"]},
    "A4": {"__default": "creators/translator", "creators/counsel": ["case"],
           "creators/contributor": ["conferencePaper", "film", "dataset"]},
    "CY": {"__default": "place", "repositoryLocation": ["dataset"], "__exclude": ["conferencePaper"]},
    "DA": {"__default": "date", "dateEnacted": ["statute"], "dateDecided": ["case"], "issueDate": ["patent"]},
    "IS": {"__default": "issue", "numberOfVolumes": ["bookSection"], "__exclude": ["dataset"]},
    "LA": {"__default": "language", "programmingLanguage": ["computerProgram"]},
    "M1": {"seriesNumber": ["book"], "billNumber": ["bill"], "system": ["computerProgram"],
           "documentNumber": ["hearing"], "applicationNumber": ["patent"], "publicLawNumber": ["statute"],
           "episodeNumber": ["podcast", "radioBroadcast", "tvBroadcast"]},
    "OP": {"history": ["hearing", "statute", "bill", "case"], "priorityNumbers": ["patent"]},
    "PB": {"__default": "publisher", "label": ["audioRecording"], "court": ["case"], "distributor": ["film"],
           "assignee": ["patent"], "institution": ["report"], "repository": ["dataset"], "university": ["thesis"],
           "company": ["computerProgram"], "studio": ["videoRecording"], "network": ["radioBroadcast", "tvBroadcast"]},
    "PY": {"__default": "date", "dateEnacted": ["statute"], "dateDecided": ["case"], "issueDate": ["patent"]},
    "SN": {"__default": "ISBN", "ISSN": ["journalArticle", "magazineArticle", "newspaperArticle"],
           "patentNumber": ["patent"], "reportNumber": ["report"]},
    "SP": {"__default": "pages", "codePages": ["bill"], "numPages": ["book", "thesis", "manuscript"],
           "firstPage": ["case"], "runningTime": ["film"]},
    "SV": {"seriesNumber": ["bookSection"], "docketNumber": ["case"]},
    "VL": {"__default": "volume", "codeNumber": ["statute"], "codeVolume": ["bill"], "reporterVolume": ["case"],
           "__exclude": ["patent", "webpage"]},
}
_DEGENERATE_MAP = {
    "ED": "creators/editor", "EP": "pages", "ID": "__ignore",
    "OP": {"__default": "unsupported/Original Publication",
           "unsupported/Content": ["blogPost", "computerProgram", "film", "presentation", "report",
                                   "videoRecording", "webpage"]},
    "T2": "backupPublicationTitle", "T3": {"series": ["book"]},
}


def ris_field(item_type: str, tag: str) -> str | None:
    """TagMapper.getField: the Zotero field a tag fills for an item type (None: it is dropped into
    a note by Zotero as an unknown tag)."""
    known = False
    for table in (_FIELD_MAP, _DEGENERATE_MAP):
        if tag not in table:
            continue
        known = True
        entry = table[tag]
        if isinstance(entry, str):
            return entry
        explicit = next((f for f, types in entry.items() if not f.startswith("__") and item_type in types), None)
        if explicit:
            return explicit
        if entry.get("__default") and item_type not in entry.get("__exclude", []):
            return entry["__default"]
    if not known:
        raise KeyError(f"RIS tag {tag} is not transcribed from RIS.js: add it to tests/zotero.py")
    return None


def ris_creator(value: str, creator_type: str) -> dict:
    """processTag's creator rule: split at the first comma; no first name -> an institution."""
    last = value.split(",")[0].strip()
    first = value[len(value.split(",")[0]):].lstrip(" ,").strip()
    if not first:
        return {"lastName": last, "creatorType": creator_type, "fieldMode": 1}
    return {"lastName": last, "firstName": first, "creatorType": creator_type}


def import_ris_record(record: list[tuple[str, str]]) -> dict:
    """A RIS record (tag, value lines) as the Zotero item RIS.js makes of it: fields that hold one
    value and repeat are a list, so that a test can require one value."""
    tags = dict(record)
    item_type = RIS_ITEM_TYPES[tags["TY"]]
    item: dict = {"itemType": item_type, "creators": [], "notes": [], "unsupported": {}}
    for tag, value in record:
        if tag in ("TY", "ER"):
            continue
        field = ris_field(item_type, tag)
        if field == "__ignore":  # ID: the record's own key
            continue
        if field is None:
            item["unsupported"].setdefault(tag, []).append(value)
        elif field.startswith("creators/"):
            item["creators"].append(ris_creator(value, field.split("/")[1]))
        elif field == "notes":
            item["notes"].append(value)
        elif field.startswith("unsupported/"):
            item["notes"].append(f"{field.split('/')[1]}: {value}")
        elif tag == "PY":
            item["_backupDate"] = value  # processTag: PY is used only where DA gives no date
        elif tag == "EP":
            item["pages"] = f"{item.get('pages', '')}-{value}"
        else:
            if field in item:
                item.setdefault("_repeated", []).append(field)  # a second value: Zotero keeps one
            item[field] = value
    backup = item.pop("_backupDate", None)
    if backup and "date" not in item:
        item["date"] = backup
    return item


def ris_records(text: str) -> list[list[tuple[str, str]]]:
    """RIS text as records of (tag, value), read as RIS.js reads lines: ``TAG  - value``."""
    records, current = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        tag, _, value = line.partition("  - ")
        assert len(tag) == 2 and _, f"not a RIS line: {line!r}"
        current.append((tag, value))
        if tag == "ER":
            records.append(current)
            current = []
    assert not current, "a record without ER"
    return records


# --- openurl.js: parseContextObject ---------------------------------------------------------------

def parse_context_object(co: str) -> dict | None:
    """The Zotero item a COinS span's ContextObject gives (None: no item type, no item)."""
    parts = co.split("&")
    pairs = [(p.split("=", 1)[0], unquote(p.split("=", 1)[1].replace("+", " "))) for p in parts if "=" in p]
    item: dict = {"creators": []}
    for key, value in pairs:
        if key != "rft_val_fmt":
            continue
        if value == "info:ofi/fmt:kev:mtx:journal":
            item["itemType"] = "journalArticle"
        elif value == "info:ofi/fmt:kev:mtx:book":
            item["itemType"] = ("bookSection" if "rft.genre=bookitem" in parts else
                                "conferencePaper" if {"rft.genre=conference", "rft.genre=proceeding"} & set(parts) else
                                "report" if "rft.genre=report" in parts else
                                "document" if "rft.genre=document" in parts else "book")
        elif value == "info:ofi/fmt:kev:mtx:dc":
            item["itemType"] = "webpage"
        break
    if "itemType" not in item:
        return None
    for key, value in pairs:
        if not value:
            continue
        kind = item["itemType"]
        if key == "rft_id" and value.startswith(("http://", "https://")):
            item["url"] = value
        elif key == "rft.btitle":
            if kind in ("book", "report"):
                item["title"] = value
            elif kind in ("bookSection", "conferencePaper"):
                item["publicationTitle"] = value
        elif key == "rft.atitle" and kind in ("journalArticle", "bookSection", "conferencePaper"):
            item["title"] = value
        elif key == "rft.jtitle" and kind == "journalArticle":
            item["publicationTitle"] = value
        elif key == "rft.title":
            item["publicationTitle" if kind in ("journalArticle", "bookSection", "conferencePaper") else "title"] = value
        elif key in ("rft.date", "rft.volume", "rft.issue", "rft.pages", "rft.edition"):
            item[key[4:]] = value
        elif key == "rft.issn":
            item["ISSN"] = value
        elif key in ("rft.au", "rft.contributor"):
            role = "author" if key == "rft.au" else "contributor"
            # Zotero.Utilities.cleanAuthor(value, type, useComma = value has a comma): with a comma
            # "Last, First"; without, the last word is the last name
            item["creators"].append(ris_creator(value, role) if "," in value else
                                    {"lastName": value.rsplit(" ", 1)[-1], "firstName": value.rsplit(" ", 1)[0],
                                     "creatorType": role})
        elif key == "rft.aucorp":
            item["creators"].append({"lastName": value, "creatorType": "author", "fieldMode": 1})
        elif key in ("rft.pub", "rft.publisher"):
            item["publisher"] = value
        elif key == "rft.place":
            item["place"] = value
        elif key == "rft.series":
            item["seriesTitle" if kind == "report" else "series"] = value
        elif key == "rft.language":
            item["language"] = value
        elif key == "rft.type":
            item["itemType"] = value  # Zotero.Utilities.Item.itemTypeExists(value) for ours
    return item
