// office-addin-mock imports office-addin-manifest, which pulls in modules unusable under jest here.
module.exports = {};
