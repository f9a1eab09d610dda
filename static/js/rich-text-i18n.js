// Chinese labels for the rich-text editor's dialogs. The editor bundle translates through
// window.gettext when it exists; this classic script runs before the editor module.
(function () {
  const zh = {
    "Edit HTML": "编辑 HTML",
    Prettify: "整理格式",
    URL: "网址",
    Title: "标题",
    "Open in new window": "在新窗口打开",
    "Edit Link": "编辑链接",
    "List properties": "列表属性",
    "Toggle fullscreen": "全屏",
    "Decimal numbers": "数字 1. 2. 3.",
    "Lowercase letters": "小写字母",
    "Uppercase letters": "大写字母",
    "Lowercase Roman numerals": "小写罗马数字",
    "Uppercase Roman numerals": "大写罗马数字",
    "Start at": "起始编号",
    "List type": "编号样式",
    Rows: "行数",
    Columns: "列数",
    "Include header row": "包含表头行",
    "Table Properties": "表格属性",
    "Insert Table": "插入表格",
    Update: "更新",
    Insert: "插入",
    Cancel: "取消",
  };
  const fallback = window.gettext;
  window.gettext = function (msgid) {
    if (Object.prototype.hasOwnProperty.call(zh, msgid)) return zh[msgid];
    return fallback ? fallback(msgid) : msgid;
  };
})();
