export { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
