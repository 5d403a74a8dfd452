import { createApp } from 'vue';
import 'cassa'; // registers <cassa-checkout> (guarded: importing it twice is harmless)
import App from './App.vue';

createApp(App).mount('#app');
