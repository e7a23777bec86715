/** Settings: provider, API key, data server and "Test connection"; the notice when the provider cannot be reached. */
export { SettingsPanel } from "./SettingsPanel";
export { UpstreamNotice } from "./UpstreamNotice";
