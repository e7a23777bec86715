// Placeholder task pane: says whether it runs inside Excel or as the in-browser preview.
function showConnection(text: string, preview: boolean): void {
  const status = document.getElementById("connection");
  if (status === null) return;
  status.textContent = text;
  status.classList.toggle("preview", preview);
}

if (typeof Office === "undefined") {
  showConnection("Preview: not connected to Excel (Office.js did not load).", true);
} else {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) showConnection("Connected to Excel.", false);
    else showConnection("Preview: not connected to Excel.", true);
  });
}
