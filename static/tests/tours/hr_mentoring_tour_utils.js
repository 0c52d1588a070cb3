/** @odoo-module **/
/*
 * Step builders the hr_mentoring tours share: picking a many2one value, the
 * checks that another role's buttons and menus are absent, opening a menu of
 * the app; the mentor's and the mentee's sign-off, evaluation of Nina's
 * pairing and acknowledgement of the regulations; and the coordinator's path
 * through the mentor selection wizard and the plan wizard.
 */

import { stepUtils } from "@web_tour/tour_service/tour_utils";

export const FORM = ".o_form_view";
export const MODAL = ".modal:not(.o_inactive_modal)";

/** A selector suffix: none of these buttons is in the element. */
export function noButtons(names) {
    return names.map((name) => `:not(:has(button[name=${name}]))`).join("");
}

/** A selector suffix: none of these hr_mentoring menus is in the element. */
export function noMenus(menus) {
    return menus.map((menu) => `:not(:has([data-menu-xmlid='hr_mentoring.${menu}']))`).join("");
}

// the menus of the coordinator and the department head, absent for a mentor or a mentee
const NAVBAR_OTHERS = noMenus([
    "menu_my_departments",
    "menu_programs_root",
    "menu_mentors_root",
    "menu_reporting",
    "menu_config",
]);

/** Type ``text`` in the many2one ``fieldName`` and pick ``pick`` from its dropdown. */
export function selectMany2one(fieldName, text, pick = text, scope = FORM) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${pick}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] .o-autocomplete--dropdown-item > a:contains(${pick})`,
            run: "click",
        },
        {
            content: `${pick} is set`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input:value(${pick})`,
        },
    ];
}

/** On an evaluation form, rate ``criterion`` at ``level``. */
function rate(criterion, level) {
    const row = `${FORM} .o_field_widget[name=line_ids] .o_data_row:has(.o_data_cell[name=criterion_id]:contains(${criterion}))`;
    return [
        {
            content: `Rate ${criterion}`,
            trigger: `${row} .o_data_cell[name=level_id]`,
            run: "click",
        },
        ...selectMany2one("level_id", level, level, `${row}.o_selected_row`),
    ];
}

/** Open the Mentoring app from the home menu. */
export function openMentoringApp() {
    return stepUtils.goToAppSteps("hr_mentoring.menu_root", "Open the Mentoring app");
}

/** Open the navbar menu ``root``, then its item ``menu`` (hr_mentoring xmlids). */
export function openMenu(root, rootContent, menu, menuContent) {
    return [
        {
            content: rootContent,
            trigger: `.o_main_navbar [data-menu-xmlid='hr_mentoring.${root}']`,
            run: "click",
        },
        {
            content: menuContent,
            trigger: `.dropdown-item[data-menu-xmlid='hr_mentoring.${menu}']`,
            run: "click",
        },
    ];
}

// the menus of My Mentoring that only a mentor or only a mentee has (the first: the one a dropdown is checked for)
const MY_MENTORING_MENUS = {
    mentor: ["menu_events_to_sign", "menu_my_mentees"],
    mentee: ["menu_my_plan", "menu_my_pairing"],
};

/**
 * The step builder of My Mentoring > ``menu`` for ``role`` ("mentor" or
 * "mentee"): the navbar has none of the coordinator's and head's menus, the
 * dropdown has the role's own menus and none of the other role's.
 */
export function myMentoringOpener(role) {
    const other = role === "mentor" ? "mentee" : "mentor";
    const [own] = MY_MENTORING_MENUS[role];
    return (menu) => {
        const [openRoot, openItem] = openMenu("menu_my_mentoring", "Open My Mentoring", menu, `Open ${menu}`);
        return [
            {
                content: `Only the ${role}'s menus are in the navbar`,
                trigger: `.o_main_navbar:has([data-menu-xmlid='hr_mentoring.menu_my_mentoring'])${NAVBAR_OTHERS}`,
            },
            openRoot,
            {
                content: `My Mentoring lists the ${role}'s menus, not the ${other}'s`,
                trigger: `.o-dropdown--menu:has(.dropdown-item[data-menu-xmlid='hr_mentoring.${own}'])${noMenus(MY_MENTORING_MENUS[other])}`,
            },
            openItem,
        ];
    };
}

/** Open the sign-off tab of the event form. */
export const OPEN_SIGNOFF = {
    content: "Open the sign-off",
    trigger: `${FORM} .o_notebook .nav-link[name=signoff]`,
    run: "click",
};

/**
 * The sign-off of an event, as the mentor or the mentee: open its tab, run
 * the ``checks`` steps, write ``text`` in the role's comment ``field``, press
 * the statusbar ``button`` (``pressContent`` says what it does) and wait
 * until ``done`` (a selector) shows it was done.
 */
export function signOff({ checks, field, text, button, pressContent, doneContent, done }) {
    return [
        OPEN_SIGNOFF,
        ...checks,
        {
            content: `Write the comment (${field})`,
            trigger: `${FORM} .o_field_widget[name=${field}] textarea`,
            run: `edit ${text}`,
        },
        {
            content: pressContent,
            trigger: `${FORM} .o_statusbar_buttons button[name=${button}]`,
            run: "click",
        },
        {
            content: doneContent,
            trigger: done,
        },
    ];
}

/**
 * My Mentoring > My Evaluations > New as ``role`` ("mentor" or "mentee"): an
 * evaluation in Nina's pairing with Maria, of the kind that the ``kindSteps``
 * choose or check, each ``[criterion, level]`` of ``ratings`` rated, then
 * submitted: ``others`` (the other roles' buttons, see noButtons) are absent
 * before and after, ``submittedHas`` is what the submitted form must also
 * have.
 */
export function evaluate({ role, kindSteps, ratings, others, submittedContent, submittedHas = "" }) {
    return [
        ...myMentoringOpener(role)("menu_my_evaluations"),
        {
            content: "New evaluation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...selectMany2one("pairing_id", "Nina", "Nina Newcomer with Maria Mentor"),
        ...kindSteps,
        ...ratings.flatMap(([criterion, level]) => rate(criterion, level)),
        {
            content: `The ${role} may submit; nobody else's buttons are there`,
            trigger: `${FORM}:has(button[name=action_submit])${others}`,
        },
        {
            content: "Submit",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_submit]`,
            run: "click",
        },
        {
            content: submittedContent,
            trigger: `${FORM}:has(.o_statusbar_status button.o_arrow_button_current[data-value=submitted])${submittedHas}:not(:has(button[name=action_submit]))${others}`,
        },
    ];
}

/**
 * The mentee's regulations of New Client Managers, acknowledged: open them
 * from their row or card (``open``, a selector), see their download link,
 * run the ``press`` steps (that press "I have read the regulations") and wait
 * until ``acknowledged`` (a selector) shows nothing is left to press.
 */
export function acknowledgeRegulations(open, press, acknowledged) {
    return [
        {
            content: "Open the regulations of the programme, waiting for the mentee",
            trigger: open,
            run: "click",
        },
        {
            content: "The regulations are there to download",
            trigger: `${FORM} .o_field_widget[name=regulation_ids] .o_attachment a[download]:contains(Mentoring regulations.pdf)`,
        },
        ...press,
        {
            content: "Acknowledged; nothing is left to press",
            trigger: acknowledged,
            timeout: 20000,
        },
    ];
}

/**
 * The coordinator's Programmes > Find a Mentor: the selection wizard for
 * ``mentee`` in ``program``.
 */
export function findMentor(mentee, program) {
    return [
        ...openMenu("menu_programs_root", "Open the Programmes menu", "menu_find_mentor", "Find a Mentor"),
        {
            content: "The selection wizard opens",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
        },
        ...selectMany2one("mentee_id", mentee, mentee, MODAL),
        ...selectMany2one("program_id", program, program, MODAL),
    ];
}

/**
 * Propose the ticked mentor, create the plan the plan wizard offers, then
 * open the pairing of ``mentee`` from Programmes > Pairings.
 */
export function proposeAndPlan(mentee) {
    return [
        {
            content: "Propose the pairing",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
            run: "click",
        },
        {
            content: "The plan wizard opens with the programme's plan",
            trigger: `${MODAL} .o_field_widget[name=template_id] input:value(Adaptation of a New Client Manager)`,
        },
        {
            content: "Create the plan",
            trigger: `${MODAL} .modal-footer button[name=action_create_plan]`,
            run: "click",
        },
        {
            content: "The plan's events are listed",
            trigger:
                "body:not(:has(.modal)) .o_list_view .o_data_row .o_data_cell:contains(Welcome: explain the coach-mentoring process)",
        },
        ...openMenu("menu_programs_root", "Open the Programmes menu", "menu_pairings", "Open the pairings"),
        {
            content: `Open ${mentee.split(" ")[0]}'s pairing`,
            trigger: `.o_kanban_record:contains(${mentee})`,
            run: "click",
        },
    ];
}
