/** Placeholder home page until sign-in and search land; later it redirects to /users. */
export default function HomePage() {
  return (
    <main className="page">
      <h1>WorkMail Reset Portal</h1>
      <p>Reset AWS WorkMail mailbox passwords safely, as an IT admin or a delegated team lead.</p>
      <p>Sign-in and the people search arrive next; the WorkMail emulator already runs beside this app.</p>
    </main>
  );
}
