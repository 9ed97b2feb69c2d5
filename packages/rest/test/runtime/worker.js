// workerd: a module worker that runs the probe for the settings POSTed to it.
import { runProbe } from './probe-core.js';

export default {
  async fetch(request) {
    const settings = await request.json();
    try {
      return Response.json(await runProbe(settings));
    } catch (error) {
      return Response.json({ failed: String(error), stack: error.stack }, { status: 500 });
    }
  },
};
