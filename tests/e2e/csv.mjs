// Reading the CSV action plan back in end-to-end tests.

/**
 * RFC 4180 rows of a CSV text, its byte order mark dropped: quoted fields
 * may hold commas, doubled quotes and line breaks; records end in CRLF.
 */
export function csvRows(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The CSV's rows as objects keyed by the header's column names. */
export function csvRecords(text) {
  const [head, ...rows] = csvRows(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}
