"""The few HTML blocks the demo's notice bodies are written with (paragraphs, lists, tables).

Plain strings in the shape the rich-text editor saves, so the demo's bodies pass the same
sanitiser staff HTML does. Used by `demo.py`, `demo_documents.py`, `demo_summaries.py` and
`demo_texts.py`.
"""


def p(*paras) -> str:
    return "".join(f"<p>{x}</p>" for x in paras)


def ul(*items) -> str:
    return "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"


def ol(items) -> str:
    return "<ol>" + "".join(f"<li>{x}</li>" for x in items) + "</ol>"


def table(caption, head, rows) -> str:
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
