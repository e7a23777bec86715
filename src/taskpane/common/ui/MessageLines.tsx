import { Fragment } from "react";

/** Several validation sentences in one Field message, one per line (the first beside Fluent's icon). */
export function MessageLines({ messages }: { messages: readonly string[] }) {
  return (
    <>
      {messages.map((message, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {message}
        </Fragment>
      ))}
    </>
  );
}
