/** Baskets: the model, Excel-safe names, pasted ticker lists and the presets. */
export { BasketStorageError } from "./basket";
export type { Basket, BasketStorage } from "./basket";
export * from "./basket-name";
export { parseTickerList } from "./ticker-list";
export type { ParsedTickerList, TickerProblem, TickerProblemKind } from "./ticker-list";
export * from "./presets";
