import type { PageFile } from './page-files.js';

export interface TabActions {
    select(file: PageFile): void;
    close(file: PageFile): void;
    /** Creates a file; returns why the name cannot be used, or undefined when done. */
    create(name: string): string | undefined;
    freshName(): string;
}

/** The tab bar: one tab per file of the page (names as text, never markup), and a field for a new file's name. */
export class Tabs {
    constructor(
        private readonly root: HTMLElement,
        private readonly actions: TabActions
    ) {}

    render(files: readonly PageFile[], active: PageFile): void {
        this.root.replaceChildren(...files.map(file => this.tab(file, file === active)), this.newFileButton());
    }

    private tab(file: PageFile, active: boolean): HTMLElement {
        const tab = document.createElement('span');
        tab.className = active ? 'tab active' : 'tab';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(active));
        const label = document.createElement('button');
        label.className = 'tab-name';
        label.textContent = file.name;
        label.title = file.name;
        label.addEventListener('click', () => this.actions.select(file));
        const close = document.createElement('button');
        close.className = 'tab-close';
        close.textContent = '×';
        close.title = `Close ${file.name}`;
        close.addEventListener('click', () => this.actions.close(file));
        tab.append(label, close);
        return tab;
    }

    private newFileButton(): HTMLElement {
        const button = document.createElement('button');
        button.id = 'new-file';
        button.textContent = '+';
        button.title = 'New file (other files can import it by name)';
        button.addEventListener('click', () => {
            const input = document.createElement('input');
            input.id = 'new-file-name';
            input.value = this.actions.freshName();
            input.setAttribute('aria-label', 'New file name');
            const error = document.createElement('span');
            error.className = 'tab-error';
            input.addEventListener('keydown', event => {
                if (event.key === 'Escape') {
                    error.remove();
                    input.replaceWith(button);
                    return;
                }
                if (event.key !== 'Enter') return;
                const problem = this.actions.create(input.value.trim());
                error.textContent = problem ?? '';
            });
            button.replaceWith(input, error);
            input.focus();
            input.setSelectionRange(0, input.value.lastIndexOf('.conv'));
        });
        return button;
    }
}
