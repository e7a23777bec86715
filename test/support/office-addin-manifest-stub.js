// office-addin-mock requires office-addin-manifest only for the OfficeApp enum; the real package
// pulls in tooling jest cannot load. This is that enum.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
