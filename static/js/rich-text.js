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

// The bundle's ordered list starts a list made with the toolbar with no type (null), and its
// node view writes that null out: <ol type="null" data-type="null" style="list-style-type:
// null">. Start such a list as numbered (1, 2, 3), which is what the button promises.
const NumberedList = OrderedList.extend({
  addAttributes() {
    const attributes = this.parent?.() ?? {};
    return { ...attributes, type: { ...attributes.type, default: "decimal" } };
  },
});

// The bundle's toolbar tooltips and aria-labels are fixed English strings (its dialogs go
// through window.gettext, rich-text-i18n.js): relabel every button as it appears.
const TOOLBAR_ZH = {
  bold: "加粗",
  italic: "倾斜",
  underline: "下划线",
  strike: "删除线",
  paragraph: "正文段落",
  "heading 1": "一级标题",
  "heading 2": "二级标题",
  "heading 3": "三级标题",
  "heading 4": "四级标题",
  "unordered list": "项目符号列表",
  "ordered list": "编号列表",
  Bullets: "项目符号列表",
  "insert link": "插入链接",
  "remove link": "删除链接",
  "Insert table": "插入表格",
  "Add column": "插入列",
  "Add row": "插入行",
  "Delete column": "删除列",
  "Delete row": "删除行",
  "Delete table": "删除表格",
  "Merge cells": "合并单元格",
  "Split cell": "拆分单元格",
  "Toggle header cell": "切换表头单元格",
  undo: "撤销",
  redo: "重做",
  "edit HTML": "编辑 HTML",
  fullscreen: "全屏",
  "Toggle fullscreen": "全屏",
};

// The block-type picker's options and the table dialog's 是/否 choice are fixed English
// text content in the bundle (not gettext): translated here too.
const OPTION_ZH = {
  "Heading 1": "一级标题",
  "Heading 2": "二级标题",
  "Heading 3": "三级标题",
  "Heading 4": "四级标题",
  Paragraph: "正文段落",
};
const CHOICE_ZH = { Yes: "是", No: "否" };

function relabel(root) {
  for (const el of root.querySelectorAll("[title], [aria-label]")) {
    for (const attr of ["title", "aria-label"]) {
      const zh = TOOLBAR_ZH[el.getAttribute(attr)];
      if (zh) el.setAttribute(attr, zh);
    }
  }
  for (const el of root.querySelectorAll(".prose-menubar__option > *")) {
    const zh = OPTION_ZH[el.textContent];
    if (zh) el.textContent = zh;
  }
  for (const option of root.querySelectorAll(".prose-editor-dialog option")) {
    const zh = CHOICE_ZH[option.textContent];
    if (zh) {
      // The bundle reads the English value back ("Yes" === withHeaderRow): keep it as the value.
      option.value = option.textContent;
      option.textContent = zh;
    }
  }
}

function relabelAlways(wrapper) {
  // The toolbar and the editor's dialogs (appended beside the editing area) are both
  // inside the wrapper: watching it alone keeps typing from re-scanning the whole page.
  relabel(wrapper);
  new MutationObserver(() => relabel(wrapper)).observe(wrapper, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["title", "aria-label"],
  });
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new Editor({
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
      NumberedList,
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
  relabelAlways(wrapper);
  return editor;
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  if (!textarea.id.includes("__prefix__")) createEditor(textarea);
}
