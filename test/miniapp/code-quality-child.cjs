// Runs WeChat's code-quality check (miniprogram-ci's checkCodeQuality, the devtools' 代码质量 panel)
// on the project at argv[2] and prints the items as JSON. A child process, because miniprogram-ci
// leaves a file watcher running; the check is offline and never reads the private key (upload does),
// so a throwaway key satisfies the constructor.
const { generateKeyPairSync } = require('node:crypto');
const ci = require('miniprogram-ci');

(async () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const projectPath = process.argv[2];
  const { appid } = require(`${projectPath}/project.config.json`);
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath, privateKey, ignores: ['node_modules/**/*'] });
  const items = await ci.checkCodeQuality(project);
  process.stdout.write(`\n@@RESULT@@${JSON.stringify(items)}\n`);
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
