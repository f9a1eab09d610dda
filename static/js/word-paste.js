// HTML pasted from Word or WPS, made into what the editor keeps (the same rules as
// disclosure/word_html.py on the server): Word writes a list as paragraphs styled
// "mso-list:lN levelM" whose number is a span styled "mso-list:Ignore"; those become real
// <ol>/<ul> (numbered when the marker is a number or a letter), headings move one level down
// (the page's title is the h1), and Office's own markup is dropped.
const WORD_SIGNS = ["urn:schemas-microsoft-com:office", "mso-", "class=Mso", 'class="Mso'];
const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i;
const ORDERED_MARKER = /^[(（]?[0-9０-９a-zA-Zⅰ-ⅹⅠ-Ⅹ一二三四五六七八九十]+[.．、)）]/;

export function looksLikeWord(html) {
  return WORD_SIGNS.some((sign) => html.includes(sign));
}

export function cleanWordHtml(html) {
  if (!looksLikeWord(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.body;
  body.querySelectorAll("style, meta, link, xml, title").forEach((el) => el.remove());
  // Comments (conditional ones included) and Office's namespaced elements (o:p, w:…).
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  body.querySelectorAll("*").forEach((el) => {
    if (el.tagName.includes(":")) el.replaceWith(...el.childNodes);
  });
  for (const level of [5, 4, 3, 2, 1]) {
    body.querySelectorAll(`h${level}`).forEach((h) => {
      const next = doc.createElement(`h${level + 1}`);
      next.append(...h.childNodes);
      h.replaceWith(next);
    });
  }
  let lists = []; // open lists: {el, level, kind, li}
  let placeholder = null; // where the previous list paragraph was
  const before = (node) => {
    let prev = node.previousSibling;
    while (prev && prev.nodeType === Node.TEXT_NODE && !prev.textContent.trim()) prev = prev.previousSibling;
    return prev;
  };
  for (const p of Array.from(body.querySelectorAll("p"))) {
    const match = LIST_STYLE.exec(p.getAttribute("style") || "");
    if (!match) continue;
    const level = Number(match[2]);
    let kind = "ul";
    p.querySelectorAll("span").forEach((span) => {
      if ((span.getAttribute("style") || "").replace(/\s/g, "").toLowerCase().includes("mso-list:ignore")) {
        if (ORDERED_MARKER.test(span.textContent.replace(/\u00a0/g, " ").trim())) kind = "ol";
        span.remove();
      }
    });
    if (placeholder === null || before(p) !== placeholder) lists = [];
    while (lists.length && (lists.at(-1).level > level || (lists.at(-1).level === level && lists.at(-1).kind !== kind))) {
      lists.pop();
    }
    const li = doc.createElement("li");
    li.append(...p.childNodes);
    if (lists.length && lists.at(-1).level === level) {
      lists.at(-1).el.append(li);
    } else {
      const list = doc.createElement(kind);
      list.append(li);
      if (lists.length) lists.at(-1).li.append(list);
      else p.before(list);
      lists.push({ el: list, level, kind, li });
    }
    lists.at(-1).li = li;
    placeholder = doc.createComment("list");
    p.replaceWith(placeholder);
  }
  body.querySelectorAll("*").forEach((el) => {
    el.removeAttribute("style");
    el.removeAttribute("class");
    el.removeAttribute("lang");
  });
  body.querySelectorAll("span").forEach((span) => span.replaceWith(...span.childNodes));
  return body.innerHTML.replace(/<!--list-->/g, "");
}
