/** Benchmarks (`npm run bench`); suites are added as features land. */
console.log('no benchmarks yet');
