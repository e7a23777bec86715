import { formatSseEvent, SseParser } from "../../../src/market";

describe("SseParser", () => {
  it("reads events split anywhere, also inside a CRLF", () => {
    const text = 'retry: 3000\r\n\r\nid: abc\r\nevent: hello\r\ndata: {"a":1}\r\n\r\n: a comment\r\nevent: ping\r\ndata: {}\r\n\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events).toEqual([
        { event: "hello", data: '{"a":1}', lastEventId: "abc" },
        { event: "ping", data: "{}", lastEventId: "abc" },
      ]);
      expect(parser.retryMs).toBe(3000);
    }
  });

  it("joins data lines, names an unnamed event message, and ignores a blank event and a bad retry", () => {
    const parser = new SseParser();
    expect(parser.push("data: one\ndata:two\n\n\n\nretry: soon\nevent: x\n\ndata\n\n")).toEqual([
      { event: "message", data: "one\ntwo", lastEventId: "" },
      { event: "message", data: "", lastEventId: "" },
    ]);
    expect(parser.retryMs).toBeNull();
  });

  it("reads back what formatSseEvent writes", () => {
    const parser = new SseParser();
    const data = JSON.stringify({ text: "line\nbreak", n: 1 });
    expect(parser.push(formatSseEvent("quotes", data, "id-1"))).toEqual([{ event: "quotes", data, lastEventId: "id-1" }]);
  });
});
