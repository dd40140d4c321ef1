// The `if:` status-function rule of GitHub workflows, for ci/lint.sh.
// GitHub prefixes every `if:` that names no status function with success(),
// so a condition on an earlier step's or job's outputs is silently false
// once anything before it failed: the upload of a red run's reports, the
// Windows job after a failed Linux test. Flagged:
//   - a step `if:` (not the job's first step) naming steps.*, needs.* or
//     job outputs, without success(), failure(), always() or cancelled();
//   - a job `if:` naming needs.* without one of them;
//   - an `if:` on an upload-artifact or download-artifact step without one.
// Prints WORKFLOW: job/step: finding.
//   node if-status.cjs WORKFLOW...   (NODE_PATH = the tools' node_modules)
'use strict';
const fs = require('fs');
const YAML = require('yaml');

const STATUS = /\b(success|failure|always|cancelled)\s*\(\s*\)/;
const OUTPUTS = /\b(steps|needs)\s*\.|\bjobs\s*\.[\w-]+\s*\.\s*outputs\b/;
const ARTIFACT = /(^|\/)(upload|download)-artifact@/;

function expr(cond) {
  return String(cond).replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1').trim();
}

let bad = 0;
for (const file of process.argv.slice(2)) {
  let doc;
  try {
    doc = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: cannot parse: ${e.message.split('\n')[0]}`);
    bad++;
    continue;
  }
  const report = (where, cond, why) => {
    console.log(`${file}: ${where}: if: ${cond}: ${why} without a status function ` +
      '(success(), failure(), always(), !cancelled()); GitHub adds success(), so it is ' +
      'false after any earlier failure');
    bad++;
  };
  for (const [jobId, job] of Object.entries((doc && doc.jobs) || {})) {
    if (job && job.if !== undefined) {
      const cond = expr(job.if);
      if (/\bneeds\s*\./.test(cond) && !STATUS.test(cond)) report(jobId, cond, 'names needs.*');
    }
    ((job && job.steps) || []).forEach((step, i) => {
      if (!step || step.if === undefined) return;
      const cond = expr(step.if);
      if (STATUS.test(cond)) return;
      const where = `${jobId}/${step.name || step.id || `step ${i + 1}`}`;
      if (ARTIFACT.test(String(step.uses || ''))) {
        report(where, cond, 'an artifact upload or download');
      } else if (i > 0 && OUTPUTS.test(cond)) {
        report(where, cond, 'names an earlier step or job');
      }
    });
  }
}
process.exit(bad ? 1 : 0);
