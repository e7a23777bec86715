/** Baskets: the panel and its state, stored in the workbook (Excel) or in browser storage (preview). */
export { BasketsPanel } from "./BasketsPanel";
export { useBaskets } from "./useBaskets";
export { ExcelBasketStorage } from "./excel/excel-basket-storage";
export { LocalBasketStorage, type KeyValueStorage } from "./local-basket-storage";
