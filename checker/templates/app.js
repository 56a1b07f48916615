(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var timer = null, sequence = 0, last = null;

  function setStatus(text) { $("status").textContent = text; }
  function showError(error) {
    var box = $("error");
    box.textContent = error ? (error.zh + (error.en ? "（" + error.en + "）" : "")) : "";
    box.hidden = !error;
  }
  function overrides(extra) {
    var body = {year: $("year").value || null, issuer_level: $("level").value || null, published: $("published").value || null};
    Object.keys(extra).forEach(function (key) { body[key] = extra[key]; });
    return body;
  }
  function render(data) {
    $("result-header").innerHTML = data.fragments.header;
    $("result-checklist").innerHTML = data.fragments.checklist;
    $("result-document").innerHTML = data.fragments.document;
    var doc = data.report.document;
    $("year").placeholder = doc.year ? "识别为 " + doc.year : "未识别，请填写";
    $("published").title = doc.date ? "识别为 " + doc.date : "未识别";
    $("downloads").hidden = false;
    setStatus("检查完成，服务器用时 " + Math.round(data.seconds * 1000) + " 毫秒");
  }
  function check(body) {
    var mine = ++sequence;
    setStatus("正在检查……");
    showError(null);
    return fetch("/api/check", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (response) { return response.json().then(function (data) { return {ok: response.ok, data: data}; }); })
      .then(function (result) {
        if (mine !== sequence) { return; }
        if (!result.ok) { setStatus(""); showError(result.data.error); return; }
        last = result.data;
        render(result.data);
        return result.data;
      })
      .catch(function (error) { setStatus(""); showError({zh: "无法连接检查服务", en: String(error)}); });
  }
  function checkText() {
    if ($("text").value.trim()) { check(overrides({text: $("text").value, filename: $("filename").dataset.name || null})); }
  }
  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer), chunks = [], size = 0x8000;
    for (var i = 0; i < bytes.length; i += size) {
      chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + size)));
    }
    return btoa(chunks.join(""));
  }
  function upload(file) {
    $("filename").textContent = "正在读取 " + file.name + " ……";
    $("filename").dataset.name = file.name;
    file.arrayBuffer().then(function (buffer) {
      uploaded = {name: file.name, base64: toBase64(buffer), text: null};
      return check(overrides({filename: file.name, content_base64: uploaded.base64}));
    }).then(function (data) {
      $("filename").textContent = data ? "已读取：" + file.name : "";
      if (data) { $("text").value = data.text; uploaded.text = data.text; }
    });
  }
  var uploaded = null;
  function download(name, type, content) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], {type: type}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function baseName() {
    var name = $("filename").dataset.name || "报告";
    return name.replace(/\.[^.]+$/, "");
  }

  $("text").addEventListener("input", function () {
    if (!$("live").checked) { return; }
    clearTimeout(timer);
    timer = setTimeout(checkText, 600);
  });
  $("check").addEventListener("click", checkText);
  ["year", "level", "published"].forEach(function (id) { $(id).addEventListener("change", checkText); });
  $("file").addEventListener("change", function (event) { if (event.target.files[0]) { upload(event.target.files[0]); } });
  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    if (event.dataTransfer.files[0]) { upload(event.dataTransfer.files[0]); }
  });
  $("download-json").addEventListener("click", function () {
    if (last) { download(baseName() + ".json", "application/json", JSON.stringify(last.report, null, 2)); }
  });
  function showNotice(text) {
    $("notice").textContent = text || "";
    $("notice").hidden = !text;
  }
  $("download-docx").addEventListener("click", function () {
    if (!$("text").value.trim()) { return; }
    // The author's own Word file; after edits in the text box, the server writes them into that file as
    // tracked changes, or says why it cannot and names the file differently (data.docx_note, data.docx_name).
    var own = uploaded && /\.docx$/i.test(uploaded.name);
    var body = own ? {filename: uploaded.name, content_base64: uploaded.base64, docx: true}
                   : {text: $("text").value, filename: $("filename").dataset.name || null, docx: true};
    if (own && uploaded.text !== $("text").value) { body.edited_text = $("text").value; }
    showNotice(null);
    check(overrides(body)).then(function (data) {
      if (data && data.docx_base64) {
        var bytes = Uint8Array.from(atob(data.docx_base64), function (c) { return c.charCodeAt(0); });
        download(data.docx_name || baseName() + "-批注.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes);
        showNotice(data.docx_note);
      }
    });
  });
  $("download-html").addEventListener("click", function () {
    if (!$("text").value.trim()) { return; }
    check(overrides({text: $("text").value, filename: $("filename").dataset.name || null, page: true}))
      .then(function (data) { if (data && data.page) { download(baseName() + ".html", "text/html", data.page); } });
  });
})();
