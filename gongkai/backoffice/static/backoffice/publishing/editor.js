/* The record body's rich-text editor (TinyMCE 6, MIT). Without JavaScript, or when the library is missing, the
   field stays a textarea that takes HTML or plain text; the server cleans the body on every save either way.
   Pasted HTML (Word, WPS, web pages) goes to the server's cleaner first, so the clerk sees what will be kept.
   Why TinyMCE 6 (docs/publishing.md, "The record editor"): it keeps the stored markup (tables with header cells and
   colspan) where Quill would rebuild it into its own model; 6.x is the last MIT line (7+ is GPL). */
(function () {
  "use strict";
  var textarea = document.querySelector("textarea[data-rich-text]");
  var form = textarea && textarea.form;
  if (!textarea || !form || !window.tinymce) { return; }
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

  function cleanAndInsert(editor, html) {
    var body = new FormData();
    body.append("html", html);
    fetch(form.dataset.cleanUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: {"X-CSRFToken": csrf ? csrf.value : ""}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      editor.insertContent(data.html);
    }).catch(function () {
      editor.notificationManager.open({text: textarea.dataset.pasteFailed || "粘贴内容清理失败，请重试。", type: "error"});
    });
  }

  window.tinymce.init({
    target: textarea,
    base_url: form.dataset.editorBase,
    suffix: ".min",
    language: document.documentElement.lang === "en" ? "en" : "zh-Hans",
    language_url: document.documentElement.lang === "en" ? undefined : form.dataset.editorLanguage,
    content_css: form.dataset.editorContentCss,
    menubar: false,
    statusbar: false,
    branding: false,
    promotion: false,
    height: 480,
    plugins: "lists advlist link table image code autolink",
    toolbar: "undo redo | blocks | bold italic underline | bullist numlist | link image table | removeformat code",
    block_formats: "正文=p;标题二=h2;标题三=h3;标题四=h4",
    table_default_attributes: {},
    table_default_styles: {},
    table_header_type: "sectionCells",
    image_description: true,
    image_dimensions: true,
    a11y_advanced_options: false,
    paste_data_images: false,
    paste_block_drop: true,
    convert_urls: false,
    relative_urls: false,
    invalid_styles: "*",
    valid_elements: "p,br,hr,h2,h3,h4,h5,h6,strong/b,em/i,u,s,sub,sup,blockquote,ul,ol[start],li,dl,dt,dd," +
      "table,caption,thead,tbody,tfoot,tr,th[colspan|rowspan|scope],td[colspan|rowspan],a[href|title]," +
      "span,div,pre,code,img[src|alt|width|height],figure,figcaption",
    setup: function (editor) {
      editor.on("paste", function (event) {
        var data = event.clipboardData;
        var html = data && data.getData("text/html");
        if (!html) { return; }
        event.preventDefault();
        cleanAndInsert(editor, html);
      });
      editor.on("change input undo redo", function () { editor.save(); });
    }
  });
})();
