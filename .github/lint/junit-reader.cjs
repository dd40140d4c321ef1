// Reads a JUnit file the way dorny/test-reporter's java-junit reporter does
// (xml2js; <testsuites> or one <testsuite> as root; suite name and time, each
// testcase's name, classname and time as numbers, <failure message>) and
// fails on anything that reader would drop, misread or crash on.
//   node junit-reader.cjs FILE [TESTCASES]
// TESTCASES: the number of testcases the file must hold.
'use strict';
const fs = require('fs');
const { parseStringPromise } = require('xml2js');

const [file, wantCases] = process.argv.slice(2);
const problems = [];
const problem = (text) => problems.push(text);
const isSeconds = (value) => typeof value === 'string' && value.trim() !== '' &&
    Number.isFinite(Number(value)) && Number(value) >= 0;
const isCount = (value) => value === undefined || /^[0-9]+$/.test(value);

function checkSuite(suite, where) {
  const attrs = suite.$ || {};
  if (typeof attrs.name !== 'string' || attrs.name.trim() === '') {
    problem(`${where}: no name (the reader trims it: it crashes without one)`);
  }
  if (!isSeconds(attrs.time)) problem(`${where}: time "${attrs.time}" is not seconds`);
  for (const count of ['tests', 'failures', 'errors', 'skipped']) {
    if (!isCount(attrs[count])) problem(`${where}: ${count}="${attrs[count]}" is not a count`);
  }
  const cases = suite.testcase || [];
  if (cases.length === 0) problem(`${where}: no testcase`);
  const names = new Set();
  let failed = 0;
  let skipped = 0;
  cases.forEach((testcase, i) => {
    const tc = testcase.$ || {};
    const at = `${where} testcase ${i + 1} (${tc.name})`;
    if (typeof tc.name !== 'string' || tc.name.trim() === '') problem(`${at}: no name`);
    if (typeof tc.classname !== 'string') problem(`${at}: no classname`);
    if (!isSeconds(tc.time)) problem(`${at}: time "${tc.time}" is not seconds`);
    if (names.has(`${tc.classname}/${tc.name}`)) problem(`${at}: name used twice`);
    names.add(`${tc.classname}/${tc.name}`);
    if (testcase.failure || testcase.error) {
      failed++;
      const f = (testcase.failure || testcase.error)[0];
      if (typeof f !== 'object' || typeof f.$?.message !== 'string' || f.$.message === '') {
        problem(`${at}: a failure without a message attribute (the annotation's title)`);
      }
    } else if (testcase.skipped) {
      skipped++;
    }
  });
  const declared = (name) => Number(attrs[name] || 0);
  if (attrs.tests !== undefined && declared('tests') !== cases.length) {
    problem(`${where}: tests="${attrs.tests}" but ${cases.length} testcases`);
  }
  if (declared('failures') + declared('errors') !== failed) {
    problem(`${where}: failures+errors=${declared('failures') + declared('errors')},` +
            ` ${failed} testcases failed`);
  }
  if (attrs.skipped !== undefined && declared('skipped') !== skipped) {
    problem(`${where}: skipped="${attrs.skipped}" but ${skipped} testcases skipped`);
  }
  return cases.length;
}

async function main() {
  if (!file) {
    console.error('usage: node junit-reader.cjs FILE [TESTCASES]');
    process.exit(2);
  }
  let doc;
  try {
    doc = await parseStringPromise(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not XML the reader accepts: ${e.message.split('\n')[0]}`);
    process.exit(1);
  }
  let suites = [];
  if (doc && doc.testsuites) {
    const root = doc.testsuites;
    if (root.$ && root.$.time !== undefined && !isSeconds(root.$.time)) {
      problem(`<testsuites> time "${root.$.time}" is not seconds`);
    }
    suites = root.testsuite || [];
  } else if (doc && doc.testsuite) {
    suites = [doc.testsuite];
  } else {
    problem('the root is neither <testsuites> nor <testsuite>');
  }
  if (suites.length === 0) problem('no <testsuite>');
  let total = 0;
  suites.forEach((suite, i) => {
    total += checkSuite(suite, `testsuite ${i + 1}`);
  });
  if (wantCases !== undefined && total !== Number(wantCases)) {
    problem(`${total} testcases, expected ${wantCases} (one per check)`);
  }
  for (const text of problems) console.error(`${file}: ${text}`);
  if (problems.length) process.exit(1);
  console.log(`${file}: ${suites.length} suite(s), ${total} testcases, as the reader sees them`);
}

main();
