"""What PDF/UA-1 asks of our PDFs beyond what WeasyPrint (70) does with pdf_variant="pdf/ua-1".

WeasyPrint tags the document (structure tree, /MarkInfo, /Lang, DisplayDocTitle,
the PDF/UA identifier in the XMP metadata). Three gaps are left to the document:

- running headers and footers (CSS margin boxes) are written as marked content
  whose structure elements hang in no tree; PDF/UA wants them marked as artifacts.
  `mark_running_content_as_artifacts` rewrites them after rendering (pikepdf);
- a part of the document in another language (an English chapter standing in for
  a missing translation in a Swedish handbook) gets no /Lang: `language_tags`
  adds /Lang to the structure element of every HTML element with a `lang`
  attribute that differs from its surroundings, while WeasyPrint builds the tree;
- definition lists (the facts box, the cover facts) come out as lists of loose
  items with terms and descriptions apart: `definition_lists_as_tables` turns
  each <dl> of a print document into a two-column table with row headers, a
  structure that PDF 1.7 has and screen readers announce as term and description.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup

from redsite.downloads.articles import inner_html, parse_html
from redsite.render import fragment

# --- Before rendering: definition lists as tables -------------------------------------------------


def definition_lists_as_tables(body_html: str) -> str:
    """Every <dl> of a print document's body as <table class="red-dl …"> of term (th) and description (td)."""
    if "<dl" not in body_html:
        return body_html
    root = parse_html(f"<body>{body_html}</body>")
    body = next(root.iter("body"))
    for dl in [element for element in body.iter() if element.tag == "dl"]:
        rows, term, descriptions = [], None, []
        for child in dl:
            if child.tag == "dt":
                if term is not None:
                    rows.append((term, descriptions))
                term, descriptions = Markup(inner_html(child)), []
            elif child.tag == "dd":
                descriptions.append(Markup(inner_html(child)))
        if term is not None:
            rows.append((term, descriptions))
        classes = " ".join(["red-dl", *(dl.get("class") or "").split()])
        html = fragment("definition_table.html", classes=classes, rows=rows, caption="")
        table = next(parse_html(html).iter("table"))
        table.tail = dl.tail
        parent = next(element for element in body.iter() if dl in list(element))
        parent[list(parent).index(dl)] = table
    return inner_html(body)


# --- While rendering: /Lang on parts in another language -----------------------------------------


@contextmanager
def language_tags():
    """While active, WeasyPrint's structure elements carry /Lang where the HTML changes language.

    WeasyPrint builds the tree in `weasyprint.pdf.tags._build_box_tree`, a generator that
    calls itself by its module-level name; wrapping that name reaches every level. Only
    WeasyPrint 70 (pinned) is known to have this shape; the test on the built handbooks
    fails if a new version changes it.
    """
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    parents: dict = {}  # HTML element -> its parent, filled when the root element comes by

    def language_around(element) -> str | None:
        parent = parents.get(element)
        while parent is not None:
            if parent.get("lang"):
                return parent.get("lang")
            parent = parents.get(parent)
        return None

    def build_with_languages(box, parent, *args):
        element = getattr(box, "element", None)
        lang = None
        if element is not None and getattr(box, "element_tag", None) == "html":
            if not parents:
                parents.update({child: node for node in element.iter() for child in node})
        elif element is not None and element.get("lang"):
            lang = element.get("lang") if element.get("lang") != language_around(element) else None
        for struct in original(box, parent, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build_with_languages
    try:
        yield
    finally:
        tags._build_box_tree = original


# --- After rendering: running headers and footers as artifacts -----------------------------------


def _reachable(root) -> set[tuple[int, int]]:
    """The structure elements of the tree below `root` (by object number)."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if "/K" in node:
            stack.append(node.K)
    return seen


def mark_running_content_as_artifacts(path: Path) -> int:
    """Rewrite the PDF at `path` so that content outside the structure tree is an artifact.

    Returns how many marked-content sequences were turned into artifacts.
    """
    import pikepdf

    changed = 0
    with pikepdf.open(path, allow_overwriting_input=True) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return 0
        reachable = _reachable(tree.K)
        nums = tree.ParentTree.Nums
        parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        for page in document.pages:
            key = page.obj.get("/StructParents")
            mapping = parents.get(int(key)) if key is not None else None
            if not isinstance(mapping, pikepdf.Array):
                continue
            orphans = {mcid for mcid, struct in enumerate(mapping)
                       if isinstance(struct, pikepdf.Dictionary) and struct.objgen not in reachable}
            if not orphans:
                continue
            operations = []
            for operands, operator in pikepdf.parse_content_stream(page):
                if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary)
                        and "/MCID" in operands[1] and int(operands[1].MCID) in orphans):
                    properties = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                    operations.append(([pikepdf.Name.Artifact, properties], pikepdf.Operator("BDC")))
                    changed += 1
                else:
                    operations.append((operands, operator))
            page.Contents = document.make_stream(pikepdf.unparse_content_stream(operations))
            for mcid in orphans:
                mapping[mcid] = pikepdf.Object.parse(b"null")
        document.save(path, deterministic_id=True)
    return changed
