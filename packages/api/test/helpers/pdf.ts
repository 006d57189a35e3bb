import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** The page box in millimetres (A4 210 × 297, Letter 215.9 × 279.4). */
  widthMm: number;
  heightMm: number;
  /** The text layer, whitespace collapsed. */
  text: string;
}

/** Reads a PDF with pdf.js: each page's size and text (the document stays open for rendering; destroy it when done). */
export async function readPdf(bytes: Uint8Array): Promise<{ doc: PDFDocumentProxy; pages: PdfPage[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' ');
    pages.push({ widthMm: ((x1 - x0) * 25.4) / 72, heightMm: ((y1 - y0) * 25.4) / 72, text });
  }
  return { doc, pages };
}
