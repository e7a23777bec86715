const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { BundleSizesPlugin } = require("./scripts/bundle-sizes");

/** The origin written in manifest.xml; ADDIN_ORIGIN replaces it for a deployed server. */
const MANIFEST_ORIGIN = "https://localhost:3000";

/** What Excel and the add-in store expect the task pane to load. */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The copy our server serves from the @microsoft/office-js package (server/static-routes.ts), for offline use. */
const OFFICE_JS_LOCAL = "/office-js/office.js";

/** One template, two pages: they differ only in where Office.js comes from. */
function page(filename, officeJs, preview) {
  return new HtmlWebpackPlugin({
    filename,
    template: "./src/taskpane/taskpane.html",
    // Shared runtime: one page runs both the functions and the task pane, functions first.
    chunks: ["functions", "taskpane"],
    chunksSortMode: "manual",
    scriptLoading: "defer",
    officeJs,
    preview,
  });
}

module.exports = (_env, argv) => {
  const origin = (process.env.ADDIN_ORIGIN || MANIFEST_ORIGIN).replace(/\/+$/, "");
  const production = argv.mode !== "development";
  return {
    entry: {
      functions: "./src/functions/entry.ts",
      // The pane reuses the functions chunk's modules (one data store for cells and pane);
      // React and Fluent UI stay in taskpane.js.
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // dist/node holds the server and CLI compiled by tsc; keep it.
      clean: { keep: /^node[\\/]/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type errors only in what the bundles contain: server and CLI code is checked by `npm run build:node`.
          use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2020" } } },
        },
      ],
    },
    devtool: production ? "source-map" : "eval-source-map",
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      page("taskpane.html", OFFICE_JS_CDN, false),
      page("preview.html", OFFICE_JS_LOCAL, true),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "[path][name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(MANIFEST_ORIGIN).join(origin),
          },
        ],
      }),
      // Unminified development bundles are far bigger; the budget applies to production builds.
      new BundleSizesPlugin({ enforceBudget: production }),
    ],
  };
};
