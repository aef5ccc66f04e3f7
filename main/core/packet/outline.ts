// PDF bookmarks. pdf-lib has no outline API, so the /Outlines tree is built from its objects.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';

export interface OutlineItem {
  title: string;
  /** 0-based page index. */
  page: number;
  children?: OutlineItem[];
}

export function addOutline(doc: PDFDocument, items: OutlineItem[]): void {
  const context = doc.context;
  const pageRefs = doc.getPages().map((page) => page.ref);
  const rootRef = context.nextRef();

  function build(list: OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } {
    const refs = list.map(() => context.nextRef());
    let count = list.length;
    list.forEach((item, i) => {
      const ref = refs[i] as PDFRef;
      const dest = PDFArray.withContext(context);
      dest.push(pageRefs[item.page] ?? pageRefs[0] ?? PDFNull);
      dest.push(PDFName.of('XYZ'));
      dest.push(PDFNull);
      dest.push(PDFNull);
      dest.push(PDFNull);
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      dict.set(PDFName.of('Dest'), dest);
      const previous = refs[i - 1];
      const next = refs[i + 1];
      if (previous) dict.set(PDFName.of('Prev'), previous);
      if (next) dict.set(PDFName.of('Next'), next);
      if (item.children && item.children.length > 0) {
        const children = build(item.children, ref);
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(children.count));
        count += children.count;
      }
      context.assign(ref, dict);
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef, count };
  }

  if (items.length === 0) return;
  const top = build(items, rootRef);
  const root = PDFDict.withContext(context);
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top.first);
  root.set(PDFName.of('Last'), top.last);
  root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
