const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** The origin written in manifest.xml; ADDIN_ORIGIN replaces it for a deployed server. */
const MANIFEST_ORIGIN = "https://localhost:3000";

module.exports = (_env, argv) => {
  const origin = (process.env.ADDIN_ORIGIN || MANIFEST_ORIGIN).replace(/\/+$/, "");
  return {
    entry: {
      functions: "./src/functions/entry.ts",
      taskpane: "./src/taskpane/index.ts",
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
          use: { loader: "ts-loader", options: { compilerOptions: { module: "es2020" } } },
        },
      ],
    },
    devtool: argv.mode === "development" ? "eval-source-map" : "source-map",
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page runs both the functions and the task pane.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
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
    ],
  };
};
