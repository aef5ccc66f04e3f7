import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import './styles/base.css';
import './styles/components.css';
import './styles/dashboard.css';
import './styles/courses.css';
import './styles/audit-settings.css';
import './styles/team.css';
import './styles/print.css';
import './styles/intake.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
