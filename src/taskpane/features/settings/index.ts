/** Settings: provider, API key, data server and "Test connection". */
export { SettingsPanel } from "./SettingsPanel";
