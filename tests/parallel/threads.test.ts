import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultThreadCount, parseThreads } from '../../src/parallel/threads.js';

describe('thread counts', () => {
  it('defaults to SLURM_CPUS_PER_TASK when valid, else to availableParallelism()', () => {
    expect(defaultThreadCount({ SLURM_CPUS_PER_TASK: '6' })).toBe(6);
    expect(defaultThreadCount({ SLURM_CPUS_PER_TASK: ' 3 ' })).toBe(3);
    for (const bad of ['', '0', '-2', '2.5', 'four', '99999']) {
      expect(defaultThreadCount({ SLURM_CPUS_PER_TASK: bad })).toBe(availableParallelism());
    }
    expect(defaultThreadCount({})).toBe(availableParallelism());
  });

  it('parses positive integers and auto, and names the bad value otherwise', () => {
    expect(parseThreads('4')).toBe(4);
    expect(parseThreads(2)).toBe(2);
    expect(parseThreads('auto', { SLURM_CPUS_PER_TASK: '5' })).toBe(5);
    for (const bad of ['0', '-1', '1.5', 'x', '', '2000']) {
      expect(() => parseThreads(bad)).toThrow(new RegExp(`invalid thread count '${bad}'`));
    }
    expect(() => parseThreads(0)).toThrow(RangeError);
    expect(() => parseThreads(2.5)).toThrow(RangeError);
  });
});
