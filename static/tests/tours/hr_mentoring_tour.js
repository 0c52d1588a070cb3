/** @odoo-module **/
/*
 * The two halves of a pairing's start, as the people do it in the browser
 * (started by tests/test_tour.py):
 *
 * hr_mentoring_tour_coordinator (login mentoring_test_cora): Mentoring > Programmes > Find a
 *   Mentor for the new mentee Nina, keep the top-ranked mentor (pre-selected),
 *   Propose Pairing, which opens the plan wizard: Create Plan; then open the
 *   pairing and approve it.
 * hr_mentoring_tour_mentor (login mentoring_test_maria): the systray activity menu, the plan
 *   events waiting for her, mark the first one done with a comment.
 */

import { registry } from "@web/core/registry";
import { findMentor, MODAL, openMentoringApp, proposeAndPlan } from "./hr_mentoring_tour_utils";

registry.category("web_tour.tours").add("hr_mentoring_tour_coordinator", {
    url: "/odoo",
    steps: () => [
        ...openMentoringApp(),
        ...findMentor("Nina Newcomer", "New Client Managers"),
        {
            content: "The eligible mentors are ranked, the best one first",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:first-child .o_data_cell[name=mentor_id]:contains(Maria Mentor)`,
        },
        {
            content: "Rank 1 is pre-selected",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:first-child .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "The second mentor is not selected",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:nth-child(2) .o_field_widget[name=selected] input:not(:checked)`,
        },
        ...proposeAndPlan("Nina Newcomer"),
        {
            content: "It is proposed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "Approve the pairing",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            content: "The pairing is active",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=active]",
        },
        {
            content: "Its plan shows the events done out of planned",
            trigger: ".o_form_view button[name=action_open_events] .o_stat_value:contains(0 /)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_mentoring_tour_mentor", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the activities",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            // the first counter with something in it: today's events on a working
            // day, the upcoming ones otherwise (the plan starts on a working day)
            content: "Open the mentoring plan events",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.mentoring.event'] .btn-link",
            run: "click",
        },
        {
            content: "The first event of the plan is listed",
            trigger: ".o_list_view .o_data_row:first-child .o_data_cell[name=name]:contains(Welcome: explain the coach-mentoring process)",
        },
        {
            content: "Open its activity",
            trigger: ".o_list_view .o_data_row:first-child .o-mail-ActivityButton",
            run: "click",
        },
        {
            content: "Mark the activity done",
            trigger: ".o-mail-ActivityListPopover .o-mail-ActivityListPopoverItem-markAsDone",
            run: "click",
        },
        {
            content: "Write the comment",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Explained the plan and its dates; Nina wants to work on client calls first.",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The event is signed done",
            trigger: ".o_list_view .o_data_row:has(.o_data_cell[name=name]:contains(Welcome: explain the coach-mentoring process)) .o_data_cell[name=state]:contains(Done)",
        },
    ],
});
