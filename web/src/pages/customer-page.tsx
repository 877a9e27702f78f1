import { CustomerPanel } from '../components/customer-panel.tsx';

export function CustomerPage({ customerId }: { customerId: number }) {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-stone-50 p-6">
      <div className="mx-auto max-w-lg rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <CustomerPanel customerId={customerId} currentTicketId={0} />
      </div>
    </div>
  );
}
