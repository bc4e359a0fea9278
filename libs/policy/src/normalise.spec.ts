import { NameNormaliser, normaliseHsCode, normaliseName } from './normalise';

describe('normalisation', () => {
  it.each([
    ['Pfizer Manufacturing Belgium N.V.', 'pfizermanufacturingbelgiumnv'],
    ['Pfizer Manufacturing Belgium NV', 'pfizermanufacturingbelgiumnv'],
    ['  ModernaTX, Inc. ', 'modernatxinc'],
    ['Serum Institute of India Pvt. Ltd.', 'seruminstituteofindiapvtltd'],
    ['BioNTech Manufacturing GmbH', 'biontechmanufacturinggmbh'],
    ['Société Générale-Pharma (Québec)', 'sociétégénéralepharmaquébec'],
    ['北京生物制品研究所', '北京生物制品研究所'],
    ['...', ''],
  ])('given name %j, then it normalises to %j', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it.each([
    ['3002.41', '300241'],
    ['3004', '3004'],
    ['9018 31', '901831'],
    ['3821.00', '382100'],
  ])('given HS code %j, then digits only %j', (code, expected) => {
    expect(normaliseHsCode(code)).toBe(expected);
  });

  it('given a memo that fills up, then it keeps answering correctly', () => {
    const n = new NameNormaliser(2);
    for (let i = 0; i < 10; i++) expect(n.normalise(`Name ${i}.`)).toBe(`name${i}`);
  });
});
