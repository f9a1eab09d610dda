// The staff rich-text editor: django-prose-editor's bundle (Tiptap/ProseMirror), served
// from our own static files. We build the editor here rather than with the package's
// default preset because that preset needs an inline import map and an injected <style>,
// both of which our Content-Security-Policy (no 'unsafe-inline') refuses; the base CSS
// Tiptap would inject is in css/admin-rich-text.css instead.
//
// The toolbar offers exactly what disclosure/sanitize.py keeps: headings (h2-h4),
// paragraphs, bold/italic/underline, lists, tables, links. Anything else pasted in
// (Word's fonts, styles, comments) is dropped by the editor's schema before saving.
import {
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  Underline,
} from "../django_prose_editor/editor.js";
import { cleanWordHtml } from "./word-paste.js";

const SELECTOR = "textarea[data-rich-text]";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    injectCSS: false,
    content: textarea.value,
    // Word/WPS clipboard HTML: real lists and headings before the schema reads it.
    editorProps: { transformPastedHTML: cleanWordHtml },
    extensions: [
      Document,
      Dropcursor,
      Gapcursor,
      Paragraph,
      HardBreak,
      Text,
      History,
      Menu,
      Heading.configure({ levels: [2, 3, 4] }),
      Bold,
      Italic,
      Underline,
      BulletList,
      OrderedList,
      ListItem,
      Link.configure({ enableTarget: false }),
      Table,
      TableRow,
      TableHeader,
      TableCell,
    ],
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  if (!textarea.id.includes("__prefix__")) createEditor(textarea);
}
