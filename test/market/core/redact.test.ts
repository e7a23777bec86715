import { REDACTED, redactSecrets, redactUrlQuery } from "../../../src/market/core";

describe("redactSecrets", () => {
  it("replaces every occurrence of a secret", () => {
    expect(redactSecrets("key SECRET-KEY-123 then SECRET-KEY-123.", ["SECRET-KEY-123"])).toBe(`key ${REDACTED} then ${REDACTED}.`);
  });

  it("replaces the percent-encoded and form-encoded forms too", () => {
    const secret = "a b+c/é!";
    const text = `url ?apikey=${encodeURIComponent(secret)} form apikey=${new URLSearchParams({ k: secret }).toString().slice(2)} raw ${secret}`;
    const redacted = redactSecrets(text, [secret]);
    expect(redacted).toBe(`url ?apikey=${REDACTED} form apikey=${REDACTED} raw ${REDACTED}`);
  });

  it("replaces the trimmed form of a secret with surrounding whitespace", () => {
    expect(redactSecrets("Authorization: apikey abc123", ["  abc123\n"])).toBe(`Authorization: apikey ${REDACTED}`);
  });

  it("handles several secrets, longest first, and regex characters literally", () => {
    const text = "one=k.y two=k.y+more three=kxy";
    expect(redactSecrets(text, ["k.y", "k.y+more"])).toBe(`one=${REDACTED} two=${REDACTED} three=kxy`);
  });

  it("does not re-replace inside a replacement", () => {
    expect(redactSecrets("red SECRET", ["red", "SECRET"])).toBe(`${REDACTED} ${REDACTED}`);
  });

  it("ignores empty and blank secrets, leaving the text unchanged", () => {
    expect(redactSecrets("nothing to hide", ["", "   "])).toBe("nothing to hide");
    expect(redactSecrets("nothing to hide", [])).toBe("nothing to hide");
  });

  it("accepts a secret that cannot be URL-encoded (lone surrogate)", () => {
    const secret = "ab\ud800cd";
    expect(redactSecrets(`x ${secret} y`, [secret])).toBe(`x ${REDACTED} y`);
  });
});

describe("redactUrlQuery", () => {
  it.each([
    [
      "https://financialmodelingprep.com/stable/historical-price-eod/full?symbol=AAPL&apikey=SECRET",
      "https://financialmodelingprep.com/stable/historical-price-eod/full?symbol=AAPL&apikey=[redacted]",
    ],
    [
      "https://www.alphavantage.co/query?function=TIME_SERIES_DAILY&symbol=IBM&apikey=SECRET&datatype=json",
      "https://www.alphavantage.co/query?function=TIME_SERIES_DAILY&symbol=IBM&apikey=[redacted]&datatype=json",
    ],
    ["https://api.polygon.io/v2/aggs?api_key=SECRET", "https://api.polygon.io/v2/aggs?api_key=[redacted]"],
    [
      "https://api.tiingo.com/tiingo/daily/aapl/prices?token=SECRET&startDate=2020-01-01",
      "https://api.tiingo.com/tiingo/daily/aapl/prices?token=[redacted]&startDate=2020-01-01",
    ],
    ["/api/history/x?key=SECRET", "/api/history/x?key=[redacted]"],
    ["/x?APIKEY=SECRET&ApiKey=SECRET&access_token=SECRET", "/x?APIKEY=[redacted]&ApiKey=[redacted]&access_token=[redacted]"],
    ["/x?api%5Fkey=SECRET", "/x?api%5Fkey=[redacted]"],
  ])("masks credential parameters: %s", (url, expected) => {
    expect(redactUrlQuery(url)).toBe(expected);
  });

  it("keeps other parameters, their order, encoding, empty values and the fragment as they were", () => {
    const url = "https://h.example/p?symbol=BRK-B&from=2023-01-01&keyword=a%20b&monkey=x&apikey=S&flag&empty=#frag?apikey=visible";
    expect(redactUrlQuery(url)).toBe(
      "https://h.example/p?symbol=BRK-B&from=2023-01-01&keyword=a%20b&monkey=x&apikey=[redacted]&flag&empty=#frag?apikey=visible",
    );
  });

  it("masks a repeated parameter every time", () => {
    expect(redactUrlQuery("/p?apikey=A&apikey=B")).toBe("/p?apikey=[redacted]&apikey=[redacted]");
  });

  it("masks a userinfo password", () => {
    expect(redactUrlQuery("https://user:SECRET@proxy.example/p?x=1")).toBe("https://user:[redacted]@proxy.example/p?x=1");
    expect(redactUrlQuery("http://user:SECRET@proxy.example")).toBe("http://user:[redacted]@proxy.example");
  });

  it("leaves URLs without credentials unchanged", () => {
    for (const url of ["https://api.twelvedata.com/time_series?symbol=AAPL&interval=1day", "/health", "https://h.example/a?b", ""]) {
      expect(redactUrlQuery(url)).toBe(url);
    }
  });

  it("does not throw on malformed percent-encoding in a name", () => {
    expect(redactUrlQuery("/p?%E0%A4%A=1&token=T")).toBe("/p?%E0%A4%A=1&token=[redacted]");
  });
});
