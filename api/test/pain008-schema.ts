import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const XSD = new URL('./fixtures/iso20022/pain.008.001.02.xsd', import.meta.url);
let schema: Promise<string> | undefined;

/**
 * Validates files against the `pain.008.001.02` schema (see fixtures/iso20022/README.md) with
 * libxml2 (xmllint-wasm): the list of errors, empty when every file is valid. Several files
 * go in one call, as starting libxml2 costs more than validating.
 */
export async function pain008SchemaErrors(xml: string | readonly string[]): Promise<string[]> {
  schema ??= readFile(XSD, 'utf8');
  const files = typeof xml === 'string' ? [xml] : xml;
  const result = await validateXML({
    xml: files.map((contents, i) => ({ fileName: `pain.008-${i}.xml`, contents })),
    schema: [{ fileName: 'pain.008.001.02.xsd', contents: await schema }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
