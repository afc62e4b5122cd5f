import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { createLegacyApp } from './App';

const App = createLegacyApp();
ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
