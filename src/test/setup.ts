import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom renders a whole route with real data from the demo control plane: give it time.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());
