/** The sentence to show for anything a Workbook method or storage threw. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== "") return error.message;
  return `Something went wrong: ${String(error)}`;
}
