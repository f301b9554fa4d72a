#!/usr/bin/env node
import('../dist/cli/main.js').then((m) => { const argv = process.argv.slice(2); const io = m.processIo(); m.guardProcess(argv, io); return m.run(argv, io).then((code) => { process.exitCode = code; }); });
