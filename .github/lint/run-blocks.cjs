// ShellCheck for the shell steps of GitHub workflows, for ci/lint.sh.
// Each `run:` that runs in bash or sh (an explicit `shell:`, or the default
// on a non-Windows runner) is checked as a script of that shell; `${{ }}`
// expressions become a plain word first. Prints WORKFLOW: job/step: finding.
//   node run-blocks.cjs WORKFLOW...   (NODE_PATH = the tools' node_modules)
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');
const YAML = require('yaml');

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
  const defaults = (doc && doc.defaults && doc.defaults.run) || {};
  for (const [jobId, job] of Object.entries((doc && doc.jobs) || {})) {
    const runsOn = JSON.stringify(job['runs-on'] || '');
    const jobShell = (job.defaults && job.defaults.run && job.defaults.run.shell) || defaults.shell;
    (job.steps || []).forEach((step, i) => {
      if (typeof step.run !== 'string') return;
      let shell = step.shell || jobShell || (/windows/i.test(runsOn) ? 'pwsh' : 'bash');
      shell = String(shell).split(/\s+/)[0];
      if (shell !== 'bash' && shell !== 'sh') return;
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, 'GH_EXPR');
      const r = spawnSync('shellcheck', ['-s', shell, '-f', 'gcc', '-'], { input: script, encoding: 'utf8' });
      if (r.error) {
        console.log(`run-blocks: cannot run shellcheck: ${r.error.message}`);
        process.exit(1);
      }
      if (r.status !== 0) {
        const where = `${jobId}/${step.name || step.id || `step ${i + 1}`}`;
        for (const line of r.stdout.split('\n').filter(Boolean)) {
          console.log(`${file}: ${where}: ${line.replace(/^-:/, 'line ')}`);
        }
        bad++;
      }
    });
  }
}
process.exit(bad ? 1 : 0);
