import { describeFaultMatrix } from './fault-matrix-suite.js';

describeFaultMatrix(['reset', 'timeout'], { singleResets: true });
