import { describeFaultMatrix } from './fault-matrix-suite.js';

describeFaultMatrix(['429', '429-retry-after', '503', '504'], { singleResets: false });
